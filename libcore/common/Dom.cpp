#include "Dom.h"

namespace flint {

QDomElement childElement(const QDomElement &parent, const QString &name, const QString &ns)
{
    for (QDomElement child = parent.firstChildElement(); !child.isNull();
         child = child.nextSiblingElement()) {
        if (child.localName() == name && child.namespaceURI() == ns)
            return child;
    }
    return {};
}

} // namespace flint
