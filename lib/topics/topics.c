#include <math.h>
#include <string.h>

#include "wire/core/json.h"
#include "wire/topics/topics.h"

size_t topics_select(const float *scores, size_t n, float threshold, size_t top,
		     struct topic *out)
{
	size_t k = 0;

	for (size_t l = 0; l < n; l++) {
		if (!(scores[l] >= threshold) || !(scores[l] > 0))
			continue;
		size_t j = k++;
		while (j && out[j - 1].score < scores[l]) {
			out[j] = out[j - 1];
			j--;
		}
		out[j].label = l;
		out[j].score = scores[l];
	}
	if (top && k > top)
		k = top;
	return k;
}

void topics_score(struct buf *out, float score)
{
	if (!(score > 0)) {
		buf_addc(out, '0');
		return;
	}
	long v = lrint((double)score * 10000);
	if (v >= 10000) {
		buf_addc(out, '1');
		return;
	}
	if (v == 0) {
		buf_addc(out, '0');
		return;
	}
	char d[5];
	for (int i = 3; i >= 0; i--) {
		d[i] = (char)('0' + v % 10);
		v /= 10;
	}
	int n = 4;
	while (n > 1 && d[n - 1] == '0')
		n--;
	buf_add(out, "0.", 2);
	buf_add(out, d, (size_t)n);
}

void topics_open(struct buf *out, const char *label, float score)
{
	buf_add(out, "{\"label\":", 9);
	json_escape(out, label, strlen(label));
	buf_add(out, ",\"score\":", 9);
	topics_score(out, score);
}
