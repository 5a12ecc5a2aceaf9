// Graphviz's layout library (cgraph + gvc), from Debian's libgraphviz-dev (pkg-config libgvc).
#include <gvc.h>
