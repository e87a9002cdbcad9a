#include "EditGroupsDialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {

EditGroupsDialog::EditGroupsDialog(const QString &contactName, const QStringList &allGroups,
                                   const QStringList &checkedGroups, QWidget *parent)
    : QDialog(parent), m_contactName(contactName), m_intro(new QLabel(this)),
      m_list(new QListWidget(this)), m_newGroupLabel(new QLabel(this)),
      m_newGroup(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"editGroupsDialog"_s);
    m_list->setObjectName(u"groupList"_s);
    m_newGroup->setObjectName(u"newGroupEdit"_s);
    m_intro->setWordWrap(true);
    m_newGroupLabel->setBuddy(m_newGroup);
    for (const QString &group : allGroups) {
        auto *item = new QListWidgetItem(group, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(checkedGroups.contains(group) ? Qt::Checked : Qt::Unchecked);
    }
    m_list->setVisible(!allGroups.isEmpty());

    const int em = fontMetrics().height();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setSpacing(em / 2);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_newGroupLabel);
    layout->addWidget(m_newGroup);
    layout->addWidget(m_buttons);
    setMinimumWidth(em * 18);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslateUi();
}

QStringList EditGroupsDialog::groups() const
{
    QStringList groups;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            groups << m_list->item(row)->text();
    }
    const QString added = m_newGroup->text().trimmed();
    if (!added.isEmpty() && !groups.contains(added))
        groups << added;
    return groups;
}

void EditGroupsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void EditGroupsDialog::retranslateUi()
{
    setWindowTitle(tr("Edit Groups"));
    m_intro->setText(tr("Groups of %1:").arg(m_contactName));
    m_list->setAccessibleName(tr("Groups"));
    m_newGroupLabel->setText(tr("&New group:"));
    m_newGroup->setPlaceholderText(tr("Optional"));
    m_newGroup->setAccessibleName(tr("New group"));
}

} // namespace flint::ui
