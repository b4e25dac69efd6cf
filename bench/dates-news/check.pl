#!/usr/bin/perl
# check.pl [-v] FILE.tml ... : checks the markup of bench/dates-news articles
# (GUIDELINES.md): header lines, <TIMEX3 ...> tags closed on their line and not
# nested, attributes in the order type value [mod], values in TIMEX3 syntax
# for their type, mod from the TimeML list. Prints a count by type; -v also
# lists each expression with its value (and the weekday of full dates).
# Exit 1 on any error. Perl core only.
use strict; use warnings;
use Time::Local qw(timegm);

my $verbose = 0;
if (@ARGV && $ARGV[0] eq '-v') { $verbose = 1; shift }
die "usage: check.pl [-v] FILE.tml ...\n" unless @ARGV;

my $D   = qr/(?:\d{4}|XXXX)(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?)?/;
my $W   = qr/(?:\d{4}|XXXX)-W(?:\d\d|XX)(?:-(?:[1-7]|WE))?/;
my $PRT = qr/(?:\d{4}|XXXX)-(?:Q[1-4]|H[12]|SP|SU|FA|WI)/;
my $DATE = qr/^(?:$D|$W|$PRT|\d{1,3}|PRESENT_REF|PAST_REF|FUTURE_REF)$/;
my $TOD = qr/T(?:\d\d(?::\d\d(?::\d\d)?)?|MO|AF|EV|NI|DT|MI)/;
my $TIME = qr/^(?:$D|$W)?$TOD$/;
my $DUR  = qr/^P(?:(?:(?:\d+(?:\.\d+)?|X)[YMWDECLQH])+(?:T(?:(?:\d+|X)[HMS])+)?|T(?:(?:\d+|X)[HMS])+)$/;
my %MOD = map { $_ => 1 } qw(BEFORE AFTER ON_OR_BEFORE ON_OR_AFTER LESS_THAN
  MORE_THAN EQUAL_OR_LESS EQUAL_OR_MORE START MID END APPROX);
my @WD = qw(Sun Mon Tue Wed Thu Fri Sat);

my ($errors, %bytype, $total) = (0);
for my $f (@ARGV) {
    open my $fh, '<', $f or do { warn "$f: $!\n"; $errors++; next };
    my @l = <$fh>; close $fh; chomp @l;
    my $err = sub { warn "$f:$_[0]: $_[1]\n"; $errors++ };
    $err->(1, "first line is not 'dct: YYYY-MM-DD[THH:MM]'")
        unless ($l[0] // '') =~ /^dct: \d{4}-\d\d-\d\d(?:T\d\d:\d\d)?$/;
    $err->(2, "second line is not 'source: ...'") unless ($l[1] // '') =~ /^source: \S/;
    $err->(3, "third line is not blank") unless defined $l[2] && $l[2] eq '';
    $err->(4, "no headline") unless defined $l[3] && $l[3] =~ /\S/;
    my ($n, $words) = (0, 0);
    for my $i (3 .. $#l) {
        my $line = $l[$i]; my $ln = $i + 1;
        my $rest = $line;
        while ($rest =~ s/<TIMEX3([^>]*)>(.*?)<\/TIMEX3>/ /) {
            my ($attr, $text) = ($1, $2);
            $n++;
            $err->($ln, "nested tag in '$text'") if $text =~ /<|>/;
            $err->($ln, "empty or padded text '$text'") if $text eq '' || $text =~ /^\s|\s$/;
            unless ($attr =~ /^ type="(DATE|TIME|DURATION|SET)" value="([^"]+)"(?: mod="([^"]+)")?$/) {
                $err->($ln, "attributes not 'type value [mod]': <TIMEX3$attr>"); next;
            }
            my ($t, $v, $m) = ($1, $2, $3);
            my $ok = $t eq 'DATE' ? $v =~ $DATE
                   : $t eq 'TIME' ? $v =~ $TIME
                   : $t eq 'DURATION' ? $v =~ $DUR
                   : ($v =~ $DUR || $v =~ $DATE || $v =~ $TIME);
            $err->($ln, "value '$v' is not a $t value ('$text')") unless $ok;
            $err->($ln, "mod '$m' unknown ('$text')") if defined $m && !$MOD{$m};
            $bytype{$t}++; $total++;
            if ($verbose) {
                my $wd = '';
                if ($v =~ /^(\d{4})-(\d\d)-(\d\d)/) {
                    my $e = eval { timegm(0, 0, 12, $3, $2 - 1, $1) };
                    if (defined $e) { $wd = $WD[(gmtime $e)[6]] } else { $err->($ln, "no such date $v") }
                }
                printf "%s:%d\t%-9s %-14s %-4s %-13s %s\n", $f, $ln, $t, $v, $wd, $m // '', $text;
            }
        }
        $err->($ln, "stray TIMEX3 markup: $rest") if $rest =~ /TIMEX3/;
        $err->($ln, "other markup: $rest") if $rest =~ /<\/?[A-Za-z]/;
        (my $plain = $line) =~ s/<\/?TIMEX3[^>]*>//g;
        $words += () = $plain =~ /\S+/g;
    }
    printf "%s: %d words, %d expressions\n", $f, $words, $n;
}
printf "total %d: %s\n", $total // 0, join ', ', map { "$_ $bytype{$_}" } sort keys %bytype;
exit($errors ? 1 : 0);
