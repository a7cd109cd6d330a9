/* libxlsxwriter (Debian's libxlsxwriter-dev), which writes the xlsx export. Its headers
 * import as they are; `pkg-config --libs xlsxwriter` names only the library (and zlib,
 * which it links itself), so the module map links it and no .pc file is needed. */
#ifndef CDESK_CXLSXWRITER_SHIM_H
#define CDESK_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
