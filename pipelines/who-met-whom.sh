#!/bin/sh
# Who met whom: pairs of people (or of a person and an unnamed delegation,
# "country:TH") that met according to the meeting events of
# wire-extract-events, with the number of meetings and of distinct
# articles, strongest first. Same-sentence co-occurrence, which this
# script counted before, finds pairs that never met (see docs/events.md
# for the figures).
#
#   sh pipelines/who-met-whom.sh [FILE...]      (news files of any kind wire-split reads)
#   TOP=20 sh pipelines/who-met-whom.sh archive/*.gz
#
# People are grouped by their key (case- and accent-folded, short mentions
# resolved to the full name given earlier in the article).
set -eu
wire-split "$@" |
	wire-extract-entities |
	wire-extract-events --only |
	wire-aggregate --pairs 'people=.participants[].key' \
		--count --distinct 'articles=.doc' --top "${TOP:-10}" --format tsv
