// Cairo's PDF surface and Pango's text layout on it, from Debian's libcairo2-dev and
// libpango1.0-dev (pkg-config pangocairo, cairo-pdf).
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
