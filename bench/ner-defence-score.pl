#!/usr/bin/perl
# The scorer of bench/ner-defence (see bench/ner-defence/GUIDELINES.md).
#
#   ner-defence-score.pl build DIR... RECORDS GOLD
#       the articles DIR/*.txt with their [TYPE text] marks stripped: one
#       record {"id":"NN","text":...} per article to RECORDS (with several
#       DIRs the id is "DIRNAME/NN": "dev2/03"), the gold
#       mentions (id, begin, end in code points, type, text) to GOLD;
#       dies naming file and line on a broken mark
#   ner-defence-score.pl baseline caps|gazetteer RECORDS GOLD GAZDIR
#       a baseline's predictions, as entity records (wire's shape):
#       caps: every run of capitalised words (joined by one space or a
#         hyphen) that does not open a sentence or line, typed with the
#         part's most common gold type;
#       gazetteer: longest match of the names in GAZDIR/*.csv (wire's
#         country, place, organisation, agency and demonym lists)
#   ner-defence-score.pl score GOLD OUT ERRS [LABEL]
#       scores the entities of OUT (wire's records: sentence records with
#       doc and span, and the entities of their `parts`, or whole-document
#       records with id) against GOLD;
#       prints, per type, P/R/F1 with exact matching (both ends and type
#       right) and overlap matching (type right, spans share a character;
#       each gold and each predicted mention is matched at most once), and
#       the totals over PER/LOC/ORG and over all four; writes the errors
#       to ERRS (id, kind, type, begin, end, text, class)
#
# wire's types map as in bench/eval-ner-text.sh: PERSON -> PER, ORG -> ORG,
# GPE and LOC -> LOC, NORP, EVENT and MISC -> MISC; DATE and others dropped.
use strict;
use warnings;
use utf8;
use JSON::PP;

binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';
my $json = JSON::PP->new->canonical->utf8;
my %map = (PERSON => 'PER', ORG => 'ORG', GPE => 'LOC', LOC => 'LOC',
	   NORP => 'MISC', EVENT => 'MISC', MISC => 'MISC');
my @TY = qw(PER LOC ORG MISC);

sub slurp {
	my ($f) = @_;
	open(my $fh, '<:encoding(UTF-8)', $f) or die "ner-defence-score: cannot open '$f': $!\n";
	local $/;
	my $s = <$fh>;
	return $s;
}

sub build {
	my $gold = pop;
	my $recs = pop;
	my @dirs = @_;
	my @files;
	for my $dir (@dirs) {
		my @f = sort glob("$dir/*.txt");
		die "ner-defence-score: no articles in '$dir'\n" unless @f;
		push @files, @f;
	}
	open(my $rh, '>', $recs) or die "ner-defence-score: cannot write '$recs': $!\n";
	open(my $gh, '>:encoding(UTF-8)', $gold) or die "ner-defence-score: cannot write '$gold': $!\n";
	for my $f (@files) {
		my ($id) = @dirs > 1 ? $f =~ m{([^/]+/[^/]+)\.txt$} : $f =~ m{([^/]+)\.txt$};
		my $src = slurp($f);
		my ($text, $pos) = ('', 0);
		while ($src =~ /\G(.*?)\[(PER|LOC|ORG|MISC) ([^\[\]\n]+)\]/gcs) {
			my ($pre, $t, $m) = ($1, $2, $3);
			if ($pre =~ /[\[\]]/) {
				my $line = 1 + (substr($src, 0, pos($src)) =~ tr/\n//);
				die "ner-defence-score: $f:$line: a bracket outside a mark\n";
			}
			die "ner-defence-score: $f: mark '$m' has outer spaces\n" if $m =~ /^\s|\s$/;
			$text .= $pre;
			my $b = length $text;
			$text .= $m;
			print $gh join("\t", $id, $b, length $text, $t, $m), "\n";
			$pos = pos($src);
		}
		my $rest = substr($src, $pos);
		if ($rest =~ /[\[\]]/) {
			my $line = 1 + (substr($src, 0, $pos + $-[0]) =~ tr/\n//);
			die "ner-defence-score: $f:$line: a broken mark\n";
		}
		$text .= $rest;
		print $rh $json->encode({ id => $id, text => $text }), "\n";
	}
}

sub read_gold {
	my ($gold) = @_;
	open(my $gh, '<:encoding(UTF-8)', $gold) or die "ner-defence-score: cannot open '$gold': $!\n";
	my %g;
	while (<$gh>) {
		chomp;
		my ($id, $b, $e, $t, $s) = split /\t/;
		push @{$g{$id}}, [$b, $e, $t, $s];
	}
	return \%g;
}

sub read_records {
	my ($f) = @_;
	open(my $fh, '<', $f) or die "ner-defence-score: cannot open '$f': $!\n";
	my %r;
	while (<$fh>) { my $x = $json->decode($_); $r{$x->{id}} = $x->{text} }
	return \%r;
}

# baselines: predictions as whole-document entity records
sub baseline {
	my ($kind, $recs, $gold, $gaz) = @_;
	my $R = read_records($recs);
	my $G = read_gold($gold);
	my @names;
	my %cnt;
	for my $id (keys %$G) { $cnt{$_->[2]}++ for @{$G->{$id}} }
	my ($most) = sort { $cnt{$b} <=> $cnt{$a} || $a cmp $b } keys %cnt;
	my %dict;
	if ($kind eq 'gazetteer') {
		my %kt = (country => 'LOC', gpe => 'LOC', loc => 'LOC', org => 'ORG', demonym => 'MISC');
		for my $f (glob("$gaz/*.csv")) {
			open(my $fh, '<:encoding(UTF-8)', $f) or next;
			while (<$fh>) {
				chomp;
				my @c = map { s/^"|"$//gr } split /,/;
				next unless @c >= 2 && $kt{$c[0]};
				$dict{$c[1]} //= $kt{$c[0]};
			}
		}
	}
	my $maxw = 6;
	for my $id (sort keys %$R) {
		my $t = $R->{$id};
		my @ents;
		if ($kind eq 'caps') {
			while ($t =~ /(\p{Lu}[\p{L}\p{Nd}'’.]*(?:[ \-]\p{Lu}[\p{L}\p{Nd}'’.]*)*)/g) {
				my ($b, $e) = ($-[1], $+[1]);
				my $before = substr($t, 0, $b);
				# a sentence or line start: nothing but spaces or quotes
				# since a line break or a full stop, '?', '!', ':'
				next if $before =~ /(?:^|\n|[.?!:]["”’]?)\s*["“‘(]?$/;
				my $s = substr($t, $b, $e - $b);
				$s =~ s/[.'’]+$//;
				push @ents, { span => [$b, $b + length $s], type => $most eq 'PER' ? 'PERSON' : $most, text => $s };
			}
		} else {
			my @w;
			while ($t =~ /([\p{L}\p{Nd}][\p{L}\p{Nd}'’\-]*)/g) { push @w, [$-[1], $+[1]] }
			for (my $i = 0; $i < @w; ) {
				my $hit;
				for my $n (reverse 1 .. $maxw) {
					next if $i + $n > @w;
					my $s = substr($t, $w[$i][0], $w[$i + $n - 1][1] - $w[$i][0]);
					if (my $ty = $dict{$s}) { $hit = [$n, $ty, $s]; last }
				}
				if ($hit) {
					my ($n, $ty, $s) = @$hit;
					push @ents, { span => [$w[$i][0], $w[$i + $n - 1][1]], type => $ty eq 'PER' ? 'PERSON' : $ty, text => $s };
					$i += $n;
				} else { $i++ }
			}
		}
		print $json->encode({ id => $id, entities => \@ents }), "\n";
	}
}

# a rough class for an error, from the gold or predicted text
sub class_of {
	my ($t, $s) = @_;
	if ($t eq 'MISC') {
		return 'nationality' if $s =~ /^(?:[A-Z][a-z]+(?:ian|ean|ish|ese|an|ch|i|ic)s?|Dutch|U\.S\.|Soviet)(?:-\w+)?$/;
		return 'misc-name' if $s =~ /Telegram|Hero|Courage|Golden Star|Saber Strike|Contract|War\b|Operation|Ramstein/;
		return 'weapon/vessel';
	}
	if ($t eq 'ORG') {
		return 'unit' if $s =~ /\b(?:Brigade|Brigades|Army|Corps|Regiment|Division|Battalion|Group|Command|Forces|Guard|Fleet|unit|District)\b/ || $s =~ /^\d+(?:st|nd|rd|th)\b/;
		return 'unit-nickname' if $s =~ /^(?:Azov|Kraken|Akhmat|Khortytsia|Vostok|Tsentr|Zapad|Da Vinci Wolves|Wagner|Rubikon|Lyut)$/;
		return 'media' if $s =~ /^(?:The )?(?:Reuters|AP|AFP|Associated Press|Ukrinform|Yonhap|TASS|RIA Novosti|Kyiv Independent|War Zone|Suspilne|Ukrainska Pravda|KCNA|Interfax|BBC|CNN|Kyiv Post|New York Times|Financial Times)$/;
		return 'acronym' if $s =~ /^[A-Z]{2,6}$/;
		return 'org';
	}
	if ($t eq 'LOC') {
		return 'oblast/region' if $s =~ /\b(?:Oblast|Krai|Republic|region)\b/;
		return 'place-in-capitals' if $s =~ /^[A-Z\s.-]{3,}$/ && $s !~ /^[A-Z]{2,5}$/;
		return 'acronym' if $s =~ /^[A-Z]{2,5}$/;
		return 'place';
	}
	return 'person';
}

sub score {
	my ($gold, $out, $errs, $label) = @_;
	my $G = read_gold($gold);
	my (%P, %cov);
	open(my $fh, '<', $out) or die "ner-defence-score: cannot open '$out': $!\n";
	while (<$fh>) {
		my $r = $json->decode($_);
		my $id = defined $r->{doc} ? $r->{doc} : $r->{id};
		my $base = ref $r->{span} eq 'ARRAY' ? $r->{span}[0] : 0;
		push @{$cov{$id}}, [@{$r->{span}}] if ref $r->{span} eq 'ARRAY';
		for my $e (@{$r->{entities} || []}) {
			my $t = $map{$e->{type}} or next;
			push @{$P{$id}}, [$base + $e->{span}[0], $base + $e->{span}[1], $t, $e->{text} // ''];
		}
		# wire-split's `parts` (dateline, bylines, agency, captions kept
		# out of the sentences), each with its entities: spans into the
		# part's text, which starts at the part's span
		for my $q (ref $r->{parts} eq 'ARRAY' ? @{$r->{parts}} : ()) {
			next unless ref $q eq 'HASH' && ref $q->{span} eq 'ARRAY';
			push @{$cov{$id}}, [@{$q->{span}}];
			for my $e (@{$q->{entities} || []}) {
				my $t = $map{$e->{type}} or next;
				push @{$P{$id}}, [$q->{span}[0] + $e->{span}[0], $q->{span}[0] + $e->{span}[1], $t, $e->{text} // ''];
			}
		}
	}
	my (%ex, %ov, %np, %ng);
	open(my $eh, '>:encoding(UTF-8)', $errs) or die "ner-defence-score: cannot write '$errs': $!\n";
	my %ids = map { $_ => 1 } (keys %$G, keys %P);
	for my $id (sort keys %ids) {
		my @g = sort { $a->[0] <=> $b->[0] } @{$G->{$id} || []};
		my @p = sort { $a->[0] <=> $b->[0] } @{$P{$id} || []};
		$ng{$_->[2]}++ for @g;
		$np{$_->[2]}++ for @p;
		my %gx = map { ("$_->[0],$_->[1],$_->[2]" => 1) } @g;
		my %px = map { ("$_->[0],$_->[1],$_->[2]" => 1) } @p;
		$ex{$_->[2]}++ for grep { $px{"$_->[0],$_->[1],$_->[2]"} } @g;
		my (@gm, @pm);
		for my $i (0 .. $#p) {
			for my $j (0 .. $#g) {
				next if $gm[$j] || $g[$j][2] ne $p[$i][2];
				next if $g[$j][1] <= $p[$i][0] || $g[$j][0] >= $p[$i][1];
				($gm[$j], $pm[$i]) = (1, 1);
				$ov{$p[$i][2]}++;
				last;
			}
		}
		for my $j (0 .. $#g) {
			my ($b, $e, $t, $s) = @{$g[$j]};
			next if $px{"$b,$e,$t"};
			my $kind = $gm[$j] ? 'BOUNDARY' : 'FN';
			if ($kind eq 'FN') {
				# a predicted mention over it with another type?
				my @o = grep { $_->[1] > $b && $_->[0] < $e } @p;
				$kind = 'TYPE:' . join('/', map { $_->[2] } @o) if @o;
				$kind .= ' pred=' . join('|', map { $_->[3] } @o) if @o;
			} else {
				my @o = grep { $_->[1] > $b && $_->[0] < $e && $_->[2] eq $t } @p;
				$kind .= ' pred=' . join('|', map { $_->[3] } @o);
			}
			# on the sentence path, text that is in no sentence record
			# (a dateline, byline or credit wire-split keeps as a field)
			my $out_of = $cov{$id} && !grep { $_->[0] <= $b && $e <= $_->[1] } @{$cov{$id}};
			print $eh join("\t", $id, $kind, $t, $b, $e, $s, $out_of ? 'not-in-a-sentence' : class_of($t, $s)), "\n";
		}
		for my $i (0 .. $#p) {
			next if $pm[$i];
			my ($b, $e, $t, $s) = @{$p[$i]};
			my @o = grep { $_->[1] > $b && $_->[0] < $e } @g;
			next if @o;	# reported as TYPE on the gold side
			print $eh join("\t", $id, 'FP', $t, $b, $e, $s, class_of($t, $s)), "\n";
		}
	}
	my $f = sub {
		my ($c, $p, $g) = @_;
		my $pr = $p ? 100 * $c / $p : 0;
		my $rc = $g ? 100 * $c / $g : 0;
		return ($pr, $rc, $pr + $rc ? 2 * $pr * $rc / ($pr + $rc) : 0);
	};
	my $line = sub {
		my ($name, @t) = @_;
		my ($e, $o, $p, $g) = (0, 0, 0, 0);
		for (@t) { $e += $ex{$_} // 0; $o += $ov{$_} // 0; $p += $np{$_} // 0; $g += $ng{$_} // 0 }
		printf "  %-12s gold %4d pred %4d | exact P %6.2f R %6.2f F1 %6.2f | overlap P %6.2f R %6.2f F1 %6.2f\n",
			$name, $g, $p, $f->($e, $p, $g), $f->($o, $p, $g);
		return (($f->($e, $p, $g))[2], ($f->($o, $p, $g))[2]);
	};
	print "== $label\n" if defined $label;
	$line->($_, $_) for @TY;
	my @plo = $line->('PER+LOC+ORG', qw(PER LOC ORG));
	my @all = $line->('all four', @TY);
	printf STDERR "%.2f %.2f %.2f %.2f\n", @plo, @all;
}

my $cmd = shift // '';
if ($cmd eq 'build' && @ARGV >= 3) { build(@ARGV) }
elsif ($cmd eq 'baseline' && @ARGV == 4) { baseline(@ARGV) }
elsif ($cmd eq 'score' && @ARGV >= 3) { score(@ARGV) }
else { die "usage: ner-defence-score.pl build DIR... RECORDS GOLD | baseline caps|gazetteer RECORDS GOLD GAZDIR | score GOLD OUT ERRS [LABEL]\n" }
