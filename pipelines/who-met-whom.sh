#!/bin/sh
# Who appears with whom: pairs of people named in the same sentence, with
# the number of sentences and of distinct articles, strongest first.
#
#   sh pipelines/who-met-whom.sh [FILE...]      (news files of any kind wire-split reads)
#   TOP=20 sh pipelines/who-met-whom.sh archive/*.gz
#
# People are grouped by their key (case- and accent-folded, short mentions
# resolved to the full name given earlier in the article).
set -eu
wire-split "$@" |
	wire-extract-entities --types PERSON |
	wire-aggregate --pairs 'people=[.entities[].key] | unique | .[]' \
		--count --distinct 'articles=.doc' --top "${TOP:-10}" --format tsv
