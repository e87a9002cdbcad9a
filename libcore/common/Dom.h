// Small DOM helpers shared by the server and the client core.
#pragma once

#include <QDomElement>

namespace flint {

// The first child element with this local name in this namespace, or a null element.
QDomElement childElement(const QDomElement &parent, const QString &name, const QString &ns);

} // namespace flint
