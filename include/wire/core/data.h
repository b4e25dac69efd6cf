#ifndef WIRE_DATA_H
#define WIRE_DATA_H
/*
 * data — where the shipped models and dictionaries are found.
 *
 * A data file `name` (e.g. "ner.model", "gazetteer/countries.csv") is
 * looked up, first match wins, in:
 *   1. $WIRE_DATA, when set (a folder);
 *   2. beside the running binary, as the install lays it out: the install
 *      folder WIRE_DATADIR as seen from WIRE_BINDIR (both set at compile
 *      time; "../share/wire" for any PREFIX), so an installed tree that is
 *      moved (DESTDIR, a copied PREFIX) still finds its data;
 *   3. <folder of the running binary>/../share/wire (the build tree);
 *   4. the install folder WIRE_DATADIR itself.
 */
#include "wire/core/buf.h"

/* Returns the path of data file `name` (caller frees), or NULL when it is
 * in none of the places above. */
char *data_path(const char *name);

/*
 * Sets `out` to the relative path that leads from folder `from` to folder
 * `to`, both absolute ("/opt/w/bin", "/opt/w/share/wire" give
 * "../share/wire"; equal folders give "."). Symbolic links are not
 * resolved. `out` is reset first.
 */
void data_relpath(struct buf *out, const char *from, const char *to);

#endif
