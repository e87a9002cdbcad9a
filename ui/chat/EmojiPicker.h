// A popup grid of common emoji in a few categories (one tab each), used with the mouse or the
// keyboard (arrows, Enter, Ctrl+Tab between categories, Escape closes).
#pragma once

#include <QFrame>
#include <QList>

class QListWidget;
class QTabWidget;

namespace flint::ui {

class EmojiPicker : public QFrame {
    Q_OBJECT
public:
    explicit EmojiPicker(QWidget *parent = nullptr);

    // Shows the picker above `anchor` (below it when the screen has no room above).
    void popup(QWidget *anchor);

Q_SIGNALS:
    void emojiChosen(const QString &emoji);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QListWidget *addCategory(const QString &symbol, const QStringList &emoji);
    void choose(const QString &emoji);

    QTabWidget *m_tabs;
    QList<QListWidget *> m_grids;
};

} // namespace flint::ui
