#include <stdlib.h>

#include "wire/core/err.h"
#include "wire/core/span.h"

void spans_push(struct spans *s, size_t b, size_t e, int kind)
{
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? s->alloc * 2 : 16;
		s->v = xrealloc(s->v, s->alloc * sizeof(*s->v));
	}
	s->v[s->n].b = b;
	s->v[s->n].e = e;
	s->v[s->n].kind = kind;
	s->n++;
}

void spans_release(struct spans *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->alloc = 0;
}
