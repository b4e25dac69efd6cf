#!/bin/sh
# Which cooperation areas each country is reported with: sentences that
# name a country (ISO 3166 code, from its name, demonym or an office) and
# carry a topic of the bundled defence taxonomy, counted per country and
# topic, with the distinct articles.
#
#   sh pipelines/topics-by-country.sh [FILE...]
#   TOP=50 sh pipelines/topics-by-country.sh archive/*.gz
set -eu
wire-split "$@" |
	wire-extract-entities --types GPE,NORP,ORG,PERSON |
	wire-classify-topics |
	wire-aggregate --by 'country=[.entities[] | .iso // .country // empty] | unique | .[]' \
		--by 'topic=.topics[].label' --count --distinct 'articles=.doc' \
		--top "${TOP:-15}" --format tsv
