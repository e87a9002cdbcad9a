// Files dragged from the file manager onto a conversation (a chat tab, a room window): while a
// drag carrying local files is over the host or a watched child (a viewport that would paste
// their paths), a veil says where they will go; dropping them emits filesDropped(). Drags of
// text are left to the widgets.
#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QLabel;
class QWidget;

namespace flint::ui {

class FileDropArea : public QObject {
    Q_OBJECT
public:
    // `accepts`: whether files may be sent now; `veilText`: what the veil says, asked per drag.
    FileDropArea(QWidget *host, std::function<bool()> accepts, std::function<QString()> veilText);

    // Takes the file drags on `child` too.
    void watch(QWidget *child);

Q_SIGNALS:
    void filesDropped(const QStringList &files);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showVeil(bool show);
    void styleVeil();

    QWidget *m_host;
    QLabel *m_veil;
    std::function<bool()> m_accepts;
    std::function<QString()> m_veilText;
};

} // namespace flint::ui
