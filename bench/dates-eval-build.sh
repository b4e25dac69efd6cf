#!/bin/sh
# bench/dates-eval-build.sh TREE OUT — builds bench/dates-eval.c of the
# checkout TREE, with that tree's date rules, into OUT. Built from the few
# sources it needs, so that work in progress elsewhere in lib/ cannot stop
# a measurement. Used by bench/dates.sh, dates-news.sh and dates-ab.sh.
tree=$1
out=$2
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
mkdir -p "$(dirname "$out")" || exit 1
cd "$tree" || exit 1
exec cc -Iinclude -D_GNU_SOURCE -std=c11 -O2 -g -o "$out" \
	bench/dates-eval.c lib/dates/*.c lib/core/buf.c lib/core/err.c \
	lib/core/hash.c lib/core/json.c lib/core/reader.c lib/core/stage.c \
	lib/core/input.c lib/core/utf8.c -lutf8proc -lz -lm -lpthread
