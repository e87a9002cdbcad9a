// Picks the groups a contact belongs to: the roster's existing groups as checkboxes, plus a new
// one typed in.
#pragma once

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace flint::ui {

class EditGroupsDialog : public QDialog {
    Q_OBJECT
public:
    EditGroupsDialog(const QString &contactName, const QStringList &allGroups,
                     const QStringList &checkedGroups, QWidget *parent = nullptr);

    // The checked groups and the new one, if any.
    QStringList groups() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QString m_contactName;
    QLabel *m_intro;
    QListWidget *m_list;
    QLabel *m_newGroupLabel;
    QLineEdit *m_newGroup;
    QDialogButtonBox *m_buttons;
};

} // namespace flint::ui
