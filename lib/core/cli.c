/*
 * cli — the shared options and the number parsers (see cli.h).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/core/cli.h"
#include "wire/core/err.h"

void cli_option(struct cli_common *c, int opt, const char *arg, const char *usage)
{
	int pol;

	switch (opt) {
	case 'o': c->output = arg; c->set_output = 1; break;
	case 'z': c->gzip = 1; break;
	case 'u': c->unbuffered = 1; break;
	case 'j':
		c->jobs = (unsigned)cli_number("--jobs", arg, 1, 1024);
		c->set_jobs = 1;
		break;
	case CLI_OPT_ONERROR:
		if ((pol = reader_policy(arg)) < 0)
			err_usage("--on-error needs report, skip or fail, not '%s'", arg);
		c->policy = (enum on_error)pol;
		break;
	case CLI_OPT_MAXRECORD:
		reader_set_max_record((size_t)cli_size("--max-record", arg, 0, SIZE_MAX));
		break;
	case CLI_OPT_PROGRESS: c->progress = PROGRESS_ON; break;
	case CLI_OPT_NOPROGRESS: c->progress = PROGRESS_OFF; break;
	case 'h':
		fputs(usage, stdout);
		exit(fflush(stdout) || ferror(stdout) ? WIRE_EXIT_DATA : WIRE_EXIT_OK);
	case 'V':
		printf("%s %s\n", err_prog(), WIRE_VERSION);
		exit(fflush(stdout) || ferror(stdout) ? WIRE_EXIT_DATA : WIRE_EXIT_OK);
	default:
		fprintf(stderr, "try '%s --help'\n", err_prog());
		exit(WIRE_EXIT_USAGE);
	}
}

void cli_driver_opts(const struct cli_common *c, struct driver_opts *d, int nfiles, char **files)
{
	d->files = files;
	d->nfiles = nfiles;
	d->policy = c->policy;
	d->output = c->output;
	d->gzip = c->gzip;
	d->unbuffered = c->unbuffered;
	d->jobs = c->jobs;
	d->progress = c->progress;
}

int cli_parse_number(const char *s, unsigned long long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return *end || errno ? -1 : 0;
}

int cli_parse_real(const char *s, double *v)
{
	char *end;

	if (!*s || *s == ' ' || *s == '\t' || *s == '\n')
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	return *end || errno == ERANGE || !isfinite(*v) ? -1 : 0;
}

int cli_parse_size(const char *s, unsigned long long *v)
{
	char *end;
	double x, m = 1;

	if ((*s < '0' || *s > '9') && *s != '.')
		return -1;
	errno = 0;
	x = strtod(s, &end);
	if (end == s || errno || !isfinite(x) || x < 0)
		return -1;
	switch (*end) {
	case 'k': case 'K': m = 1024.0; end++; break;
	case 'm': case 'M': m = 1024.0 * 1024; end++; break;
	case 'g': case 'G': m = 1024.0 * 1024 * 1024; end++; break;
	case 't': case 'T': m = 1024.0 * 1024 * 1024 * 1024; end++; break;
	default: break;
	}
	if (*end == 'b' || *end == 'B')
		end++;
	if (*end || x * m > 1e18)
		return -1;
	*v = (unsigned long long)(x * m);
	return 0;
}

unsigned long long cli_number(const char *opt, const char *s, unsigned long long lo,
			      unsigned long long hi)
{
	unsigned long long v;

	if (cli_parse_number(s, &v) == 0 && v >= lo && v <= hi)
		return v;
	if (hi == (unsigned long long)-1 && lo <= 1)
		err_usage("%s needs a %snumber, not '%s'", opt, lo ? "positive " : "", s);
	err_usage("%s needs a whole number from %llu to %llu, not '%s'", opt, lo, hi, s);
}

double cli_real(const char *opt, const char *s, double lo, double hi)
{
	double v;

	if (cli_parse_real(s, &v) == 0 && v >= lo && v <= hi)
		return v;
	err_usage("%s needs a number from %g to %g, not '%s'", opt, lo, hi, s);
}

unsigned long long cli_size(const char *opt, const char *s, unsigned long long lo,
			    unsigned long long hi)
{
	unsigned long long v;

	if (cli_parse_size(s, &v) == 0 && v >= lo && v <= hi)
		return v;
	err_usage("%s needs a size such as 512M, not '%s'", opt, s);
}
