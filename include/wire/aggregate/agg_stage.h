#ifndef WIRE_AGG_STAGE_H
#define WIRE_AGG_STAGE_H
/*
 * aggregate stage — wire-aggregate as a stage (stage.h): STAGE_SERIAL,
 * one struct agg sees every record in order (or every partial state line
 * under --merge); the grouped output is written at the end of the run.
 *
 *	struct agg_stage_conf conf = { a, &opts };
 *	status = wire_run(&agg_stage, &conf, &driver_opts);
 */
#include "wire/aggregate/agg.h"
#include "wire/core/stage.h"

struct agg_stage_conf {
	struct agg *agg;              /* borrowed; started (agg_start) */
	const struct agg_opts *opts;  /* borrowed: merge and stats are read */
};

extern const struct stage_ops agg_stage;

#endif
