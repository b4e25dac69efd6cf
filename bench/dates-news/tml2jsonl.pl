#!/usr/bin/perl
# tml2jsonl.pl — turns bench/dates-news/*.tml articles (GUIDELINES.md) into
# the JSON lines bench/dates-eval reads, one document a line:
#   {"id": "dev/01", "date": DCT, "text": HEADLINE "\n\n" BODY,
#    "timexes": [{"start", "end" (code points), "text", "type", "value", "mod"}]}
# and checks the markup: a file with an unclosed, nested or malformed tag,
# a line-crossing tag, a bad type or a value outside the TIMEX3 syntax is
# reported as FILE:LINE: message, and the script exits 1 (the other files
# are still written).
#
#   perl bench/dates-news/tml2jsonl.pl FILE.tml... > out.jsonl
#   perl bench/dates-news/tml2jsonl.pl -l FILE.tml...   (for writers: lists
#        each expression, its type and value, and the weekday of a full
#        date, in place of the JSON lines)
use strict;
use warnings;
use JSON::PP;
use Time::Local qw(timegm);

binmode STDOUT, ':encoding(UTF-8)';
my $json = JSON::PP->new->canonical->utf8(0);
my $bad = 0;
my $list = @ARGV && $ARGV[0] eq '-l' ? shift @ARGV : 0;
my @wd = qw(Sun Mon Tue Wed Thu Fri Sat);
my $value_re = qr/^(?:
	  \d{4}(?:-\d{2}(?:-\d{2})?)?(?:T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|AF|EV|NI|DT))?
	| [\dX]{4}-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{2}(?:-[\dX](?:T(?:MO|AF|EV|NI))?|-WE)?|Q[1-4X]|H[12X]|SP|SU|FA|WI)(?:T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI))?
	| [\dX]{4}-W[\dX]{2}
	| \d{1,3}X{0,2}
	| P(?:[\dX]+(?:\.\d+)?[YMWDEC])+(?:T(?:[\dX]+[HMS])+)?
	| PT(?:[\dX]+[HMS])+
	| PRESENT_REF | PAST_REF | FUTURE_REF
	| XXXX(?:-[\dX]{2}(?:-[\dX]{2})?)?(?:T(?:MO|AF|EV|NI))?
	)$/x;
my %types = map { $_ => 1 } qw(DATE TIME DURATION SET);
my %mods = map { $_ => 1 } qw(START MID END APPROX BEFORE AFTER ON_OR_BEFORE
	ON_OR_AFTER LESS_THAN MORE_THAN EQUAL_OR_LESS EQUAL_OR_MORE);

for my $file (@ARGV) {
	open my $fh, '<:encoding(UTF-8)', $file or do {
		warn "$file: $!\n";
		$bad = 1;
		next;
	};
	my ($dct, $text, @tx, $inbody, $headline) = (undef, '');
	my $ln = 0;
	my $id = $file;
	$id =~ s{.*/([^/]+/[^/]+)\.tml$}{$1};
	while (my $line = <$fh>) {
		$ln++;
		chomp $line;
		$line =~ s/\r$//;
		if (!$inbody) {
			if ($line =~ /^dct:\s*(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?)\s*$/) {
				$dct = $1;
			} elsif ($line =~ /^source:/) {
			} elsif ($line eq '') {
				$inbody = 1 if defined $dct;
			} else {
				warn "$file:$ln: expected 'dct: YYYY-MM-DD' and 'source:' lines, then a blank line\n";
				$bad = 1;
				$inbody = 1;
			}
			next;
		}
		# body line: strip tags, keep offsets in code points
		my $out = '';
		my $rest = $line;
		while (length $rest) {
			if ($rest =~ s/^<TIMEX3 type="([A-Z]+)" value="([^"]*)"(?: mod="([A-Z_]+)")?>(.*?)<\/TIMEX3>//) {
				my ($type, $value, $mod, $span) = ($1, $2, $3 // '', $4);
				if (!$types{$type}) { warn "$file:$ln: bad type '$type'\n"; $bad = 1; }
				if ($value !~ $value_re) { warn "$file:$ln: value '$value' is not TIMEX3 syntax\n"; $bad = 1; }
				if ($mod ne '' && !$mods{$mod}) { warn "$file:$ln: bad mod '$mod'\n"; $bad = 1; }
				if ($span =~ /</ || $span eq '' || $span =~ /^\s|\s$/) { warn "$file:$ln: bad or nested span '$span'\n"; $bad = 1; }
				my $start = length($text) + length($out);
				push @tx, { start => $start, end => $start + length($span),
					    text => $span, type => $type, value => $value,
					    ($mod ne '' ? (mod => $mod) : ()) };
				$out .= $span;
			} elsif ($rest =~ /^<\/?TIMEX3/) {
				warn "$file:$ln: malformed or unclosed TIMEX3 tag near '" . substr($rest, 0, 40) . "'\n";
				$bad = 1;
				$rest =~ s/^<//;
				$out .= '<';
			} else {
				$rest =~ s/^(.[^<]*)//s;
				$out .= $1;
			}
		}
		$text .= $out . "\n";
	}
	close $fh;
	if (!defined $dct) {
		warn "$file: no 'dct:' line\n";
		$bad = 1;
		next;
	}
	$text =~ s/\n+\z/\n/;
	if ($list) {
		print "$file  dct $dct\n";
		for my $t (@tx) {
			my $day = '';
			$day = ' ' . $wd[(gmtime timegm(0, 0, 0, $3, $2 - 1, $1))[6]]
				if $t->{value} =~ /^(\d{4})-(\d\d)-(\d\d)/;
			printf "  %-9s %-22s %s%s\n", $t->{type},
			       $t->{value} . ($t->{mod} ? " $t->{mod}" : ''),
			       $t->{text}, $day;
		}
		next;
	}
	print $json->encode({ id => $id, date => $dct, text => $text,
			      timexes => \@tx }), "\n";
}
exit $bad;
