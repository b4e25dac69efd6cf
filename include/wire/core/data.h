#ifndef WIRE_DATA_H
#define WIRE_DATA_H
/*
 * data — where the shipped models and dictionaries are found.
 *
 * A data file `name` (e.g. "ner.model", "gazetteer/countries.csv") is
 * looked up, first match wins, in:
 *   1. $WIRE_DATA, when set (a folder);
 *   2. <folder of the running binary>/../share/wire (the build tree);
 *   3. the install folder WIRE_DATADIR (PREFIX/share/wire).
 */

/* Returns the path of data file `name` (caller frees), or NULL when it is
 * in none of the places above. */
char *data_path(const char *name);

#endif
