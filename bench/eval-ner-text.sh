#!/bin/sh
# NER on running text rather than gold tokens: CoNLL-2003 dev documents
# given to the tools as text, scored per type (conlleval rules: a mention
# counts when its type and both ends are right) on two paths:
#   (a) sentence records: wire-split | wire-extract-entities
#   (b) whole documents:  wire-extract-entities on one record per document
# beside the tagger alone on the gold tokens (wire-extract-entities eval).
#
#   sh bench/eval-ner-text.sh [CONLL_DIR] [PARTS]     PARTS: "tune" (default) or "tune held"
#
# The parts are those of bench/conll-split.sh (dev.txt by document: decide
# on "tune", score "held" once at the end). Reads CONLL_DIR/dev.txt (research
# data outside the project, never copied into it).
#
# Text: each document is its CoNLL sentences, one a line, the tokens of a
# sentence joined by one space ("U.S. Open" stays "U.S. Open", "( AP )"
# keeps its spaces); a record {"id":"<part>-<k>","text":...} per document
# (k: the document's number in the part, from 1). This is the plain way to
# turn CoNLL back into text, and most likely the outside scorer's.
#
# Scoring: an entity's span (code points; on path (a) plus the sentence
# record's span start) covers the gold tokens it overlaps; wire's types map
# to CoNLL's as PERSON -> PER, ORG -> ORG, GPE and LOC -> LOC, NORP, EVENT
# and MISC -> MISC; DATE is not a CoNLL type and is dropped. Gold chunks
# are read from the IOB1 tags as conlleval reads them.
#
# EVAL_NER_TEXT_KEEP=DIR keeps the records, the outputs and, per path,
# the errors (doc, tokens, gold/predicted type, text) in DIR.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
conll=${1:-$top/../shared/data/conll2003}
parts=${2:-tune}
if [ ! -f "$conll/dev.txt" ]; then
	echo "eval-ner-text: no '$conll/dev.txt': CoNLL-2003 is research data outside the project (pass CONLL_DIR); skipped" >&2
	exit 1
fi
for p in $parts; do
	case $p in
	tune|held) ;;
	*) echo "eval-ner-text: unknown part '$p' (tune, held)" >&2; exit 2 ;;
	esac
done
bin=$top/bin
for t in wire-split wire-extract-entities; do
	[ -x "$bin/$t" ] || { echo "eval-ner-text: build first: make" >&2; exit 1; }
done
command -v perl >/dev/null || { echo "eval-ner-text: perl is needed" >&2; exit 1; }
model=${NER_MODEL:-$top/share/wire/ner.model}

if [ -n "${EVAL_NER_TEXT_KEEP:-}" ]; then
	tmp=$EVAL_NER_TEXT_KEEP
	mkdir -p "$tmp"
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT INT TERM
fi
sh "$top/bench/conll-split.sh" "$conll/dev.txt" "$tmp"

# perl: "build PART FILE" writes the records; "score PART FILE OUT ERRS"
# scores the entities of OUT against FILE's gold tags
cat > "$tmp/ner-text.pl" <<'EOF'
use strict;
use warnings;
use JSON::PP;

# documents of a CoNLL file: [{id, text, tok => [[b,e]...], gold => {"b,e,T"}}]
sub docs {
	my ($part, $file) = @_;
	open(my $fh, '<', $file) or die "eval-ner-text: cannot open '$file': $!\n";
	my (@docs, $d, @sent);
	my $flush = sub {
		return unless @sent && $d;
		$d->{text} .= "\n" if length $d->{text};
		my $prev = 'O';
		my ($cs, $ct);
		for my $i (0 .. $#sent) {
			my ($w, $tag) = @{$sent[$i]};
			$d->{text} .= ' ' if $i;
			my $b = length $d->{text};
			$d->{text} .= $w;
			my $k = scalar @{$d->{tok}};
			push @{$d->{tok}}, [$b, length $d->{text}];
			my $ty = $tag eq 'O' ? '' : substr($tag, 2);
			my $start = $ty ne '' && (substr($tag, 0, 1) eq 'B' || !defined $ct || $ty ne $ct);
			if (defined $ct && ($ty ne $ct || $start)) {
				$d->{gold}{"$cs," . ($k - 1) . ",$ct"} = 1;
				undef $ct;
			}
			($cs, $ct) = ($k, $ty) if $start;
		}
		$d->{gold}{"$cs," . (scalar(@{$d->{tok}}) - 1) . ",$ct"} = 1 if defined $ct;
		@sent = ();
	};
	while (my $l = <$fh>) {
		chomp $l;
		if ($l =~ /^-DOCSTART-/) {
			$flush->();
			$d = { id => "$part-" . (@docs + 1), text => '', tok => [], gold => {} };
			push @docs, $d;
			next;
		}
		my @f = split ' ', $l;
		if (!@f) { $flush->(); next; }
		push @sent, [$f[0], $f[-1]];
	}
	$flush->();
	return @docs;
}

my %map = (PERSON => 'PER', ORG => 'ORG', GPE => 'LOC', LOC => 'LOC',
	   NORP => 'MISC', EVENT => 'MISC', MISC => 'MISC');

my ($cmd, $part, $file, $out, $errs) = @ARGV;
my @docs = docs($part, $file);
my $json = JSON::PP->new->canonical;
if ($cmd eq 'build') {
	print $json->encode({ id => $_->{id}, text => $_->{text} }), "\n" for @docs;
	exit 0;
}
my %byid = map { $_->{id} => $_ } @docs;
my %pred;
open(my $fh, '<', $out) or die "eval-ner-text: cannot open '$out': $!\n";
while (my $l = <$fh>) {
	my $r = $json->decode($l);
	my $id = defined $r->{doc} ? $r->{doc} : $r->{id};
	my $d = $byid{$id} or next;
	my $base = ref $r->{span} eq 'ARRAY' ? $r->{span}[0] : 0;
	for my $e (@{$r->{entities} || []}) {
		my $t = $map{$e->{type}} or next;
		my ($b, $x) = ($base + $e->{span}[0], $base + $e->{span}[1]);
		my ($tb, $te);
		# the gold tokens the span overlaps (binary search would do; the
		# documents are short)
		for my $k (0 .. $#{$d->{tok}}) {
			my ($s, $f) = @{$d->{tok}[$k]};
			next if $f <= $b || $s >= $x;
			$tb = $k unless defined $tb;
			$te = $k;
		}
		$pred{$id}{"$tb,$te,$t"} = 1 if defined $tb;
	}
}
my (%tp, %np, %ng);
open(my $eh, '>', $errs) or die "eval-ner-text: cannot write '$errs': $!\n";
for my $d (@docs) {
	my $g = $d->{gold};
	my $p = $pred{$d->{id}} || {};
	my $txt = sub {
		my ($tb, $te) = split /,/, $_[0];
		my $s = substr($d->{text}, $d->{tok}[$tb][0], $d->{tok}[$te][1] - $d->{tok}[$tb][0]);
		$s =~ s/\n/\\n/g;
		return $s;
	};
	for my $k (sort keys %$g) {
		my $t = (split /,/, $k)[2];
		$ng{$t}++;
		if ($p->{$k}) { $tp{$t}++ } else { print $eh "$d->{id}\tFN\t$k\t", $txt->($k), "\n" }
	}
	for my $k (sort keys %$p) {
		$np{(split /,/, $k)[2]}++;
		print $eh "$d->{id}\tFP\t$k\t", $txt->($k), "\n" unless $g->{$k};
	}
}
my ($TT, $TP, $TG) = (0, 0, 0);
my @ty = qw(LOC MISC ORG PER);
for my $t (@ty) { $TT += $tp{$t} // 0; $TP += $np{$t} // 0; $TG += $ng{$t} // 0 }
my $f1 = sub {
	my ($c, $p, $g) = @_;
	my $pr = $p ? 100 * $c / $p : 0;
	my $rc = $g ? 100 * $c / $g : 0;
	return ($pr, $rc, $pr + $rc ? 2 * $pr * $rc / ($pr + $rc) : 0);
};
printf "processed %d documents; found: %d phrases; correct: %d.\n", scalar @docs, $TP, $TT;
printf "precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", $f1->($TT, $TP, $TG);
printf "%9s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n", $_,
	$f1->($tp{$_} // 0, $np{$_} // 0, $ng{$_} // 0), $np{$_} // 0 for @ty;
printf STDERR "%.2f\n", ($f1->($TT, $TP, $TG))[2];
EOF

for p in $parts; do
	perl "$tmp/ner-text.pl" build "$p" "$tmp/$p.txt" > "$tmp/$p.jsonl"
	echo "== $p part: tagger alone on the gold tokens (wire-extract-entities eval --conll)"
	"$bin/wire-extract-entities" eval --conll "$tmp/$p.txt" --model "$model"
	echo "== $p part: (a) sentence records: wire-split | wire-extract-entities"
	"$bin/wire-split" --no-progress "$tmp/$p.jsonl" |
		"$bin/wire-extract-entities" --no-progress -m "$model" > "$tmp/$p.a.out"
	fa=$(perl "$tmp/ner-text.pl" score "$p" "$tmp/$p.txt" "$tmp/$p.a.out" "$tmp/$p.a.err" 2>&1 >"$tmp/$p.a.score")
	cat "$tmp/$p.a.score"
	echo "== $p part: (b) whole documents: wire-extract-entities, one record per document"
	"$bin/wire-extract-entities" --no-progress -m "$model" "$tmp/$p.jsonl" > "$tmp/$p.b.out"
	fb=$(perl "$tmp/ner-text.pl" score "$p" "$tmp/$p.txt" "$tmp/$p.b.out" "$tmp/$p.b.err" 2>&1 >"$tmp/$p.b.score")
	cat "$tmp/$p.b.score"
	echo "== $p part: F1 sentence path $fa, whole-document path $fb, difference $(echo "$fb $fa" | awk '{ printf "%+.2f", $1 - $2 }')"
done
