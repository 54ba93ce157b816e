/* version: accord's release version. */
#ifndef ACCORD_VERSION
#define ACCORD_VERSION "0.1.0"
#endif
