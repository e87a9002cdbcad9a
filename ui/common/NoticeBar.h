// A band across a conversation that says something about it: why a message was not sent, that the
// room is being rejoined, that you were removed from it. A tinted strip with an icon (errors), a
// wrapped, selectable text and, where the user may put the notice away, a Dismiss button. The
// label is named objectName + "Label", the button objectName + "Dismiss", for tests.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace flint::ui {

class NoticeBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind {
        Progress, // in the accent colour, without an icon: something is under way
        Error,    // in the error colour, with the error icon
    };
    enum class Dismiss { No, Yes };

    NoticeBar(const QString &objectName, Kind kind, Dismiss dismiss, QWidget *parent);

    // Sets the text and shows the bar.
    void showText(const QString &text);
    QString text() const;
    // A button on the bar that emits actionTriggered() (named objectName + "Action"); an empty
    // text takes it away.
    void setActionText(const QString &text);

    // Tints the strip and redraws the icons in the application palette's current colours; the
    // window calls it when its palette changes.
    void applyColours();

Q_SIGNALS:
    void actionTriggered();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    Kind m_kind;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_action;
    QToolButton *m_dismiss = nullptr;
};

} // namespace flint::ui
