#include "AddContactDialog.h"

#include "client/ClientAccount.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "common/Icons.h"
#include "common/Jid.h"
#include "common/Theme.h"

#include <QCollator>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

QStringList existingGroups(const RosterModel &model)
{
    QStringList groups;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString name = model.index(row, 0).data(RosterModel::GroupNameRole).toString();
        if (!name.isEmpty())
            groups << name;
    }
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(groups.begin(), groups.end(), collator);
    return groups;
}

} // namespace

AddContactDialog::AddContactDialog(ClientAccount &account, QWidget *parent)
    : QDialog(parent), m_account(account), m_intro(new QLabel(this)),
      m_addressLabel(new QLabel(this)), m_address(new QLineEdit(this)),
      m_nameLabel(new QLabel(this)), m_name(new QLineEdit(this)), m_groupLabel(new QLabel(this)),
      m_group(new QComboBox(this)), m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_add(m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole))
{
    setObjectName(u"addContactDialog"_s);
    m_address->setObjectName(u"addressEdit"_s);
    m_name->setObjectName(u"nameEdit"_s);
    m_group->setObjectName(u"groupCombo"_s);
    m_status->setObjectName(u"statusLabel"_s);
    m_add->setObjectName(u"addButton"_s);
    m_add->setDefault(true);
    m_add->setIcon(icon(u"add-contact"_s));

    m_intro->setWordWrap(true);
    m_intro->setForegroundRole(QPalette::PlaceholderText);
    m_addressLabel->setBuddy(m_address);
    m_nameLabel->setBuddy(m_name);
    m_groupLabel->setBuddy(m_group);
    m_group->setEditable(true);
    m_group->setInsertPolicy(QComboBox::NoInsert);
    m_group->addItem(QString());
    m_group->addItems(existingGroups(account.roster().model()));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();

    const int em = fontMetrics().height();
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_addressLabel, m_address);
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_groupLabel, m_group);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setSpacing(em * 2 / 3);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(em * 22);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddContactDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_address, &QLineEdit::textEdited, m_status, &QWidget::hide);
    connect(&account.roster(), &RosterManager::operationFinished, this,
            &AddContactDialog::handleResult);
    retranslateUi();
}

void AddContactDialog::setAddress(const QString &jid)
{
    m_address->setText(jid);
}

void AddContactDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange)
        m_add->setIcon(icon(u"add-contact"_s));
    QDialog::changeEvent(event);
}

void AddContactDialog::retranslateUi()
{
    const Jid own = Jid::parse(m_account.bareJid()).value_or(Jid());
    setWindowTitle(tr("Add Contact"));
    m_intro->setText(tr("Add a colleague to your contacts. They will be asked to let you see "
                        "when they are online."));
    m_addressLabel->setText(tr("&Address:"));
    m_address->setPlaceholderText(tr("name or name@%1").arg(own.domain()));
    m_address->setAccessibleName(tr("Contact address"));
    m_nameLabel->setText(tr("&Name:"));
    m_name->setPlaceholderText(tr("Optional"));
    m_name->setAccessibleName(tr("Contact name"));
    m_groupLabel->setText(tr("&Group:"));
    m_group->lineEdit()->setPlaceholderText(tr("No group"));
    m_group->setAccessibleName(tr("Group"));
    m_add->setText(tr("Add"));
    if (!m_pendingJid.isEmpty())
        m_status->setText(tr("Sending the request to %1…").arg(m_pendingJid));
}

QString AddContactDialog::typedJid() const
{
    QString text = m_address->text().trimmed();
    if (!text.contains(u'@')) {
        const auto own = Jid::parse(m_account.bareJid());
        if (!own)
            return {};
        text += u'@' + own->domain();
    }
    const auto jid = Jid::parse(text);
    return jid && !jid->local().isEmpty() && jid->isBare() ? jid->toString() : QString();
}

void AddContactDialog::submit()
{
    if (m_address->text().trimmed().isEmpty()) {
        showProblem(tr("Enter the address of the person to add."));
        return;
    }
    const QString jid = typedJid();
    if (jid.isEmpty()) {
        showProblem(describe(RosterResult{
            RosterResult::AddContact, m_address->text(), RosterResult::InvalidJid, {}}));
        return;
    }
    m_pendingJid = jid;
    setBusy(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setPalette(palette());
    m_status->setText(tr("Sending the request to %1…").arg(jid));
    m_status->show();
    const QString group = m_group->currentText().trimmed();
    m_account.roster().addContact(jid, m_name->text().trimmed(),
                                  group.isEmpty() ? QStringList() : QStringList{group});
}

void AddContactDialog::handleResult(const RosterResult &result)
{
    if (m_pendingJid.isEmpty() || result.operation != RosterResult::AddContact ||
        result.jid != m_pendingJid)
        return;
    m_pendingJid.clear();
    setBusy(false);
    if (result.kind == RosterResult::Done) {
        Q_EMIT contactAdded(result.jid);
        accept();
        return;
    }
    showProblem(describe(result));
}

void AddContactDialog::setBusy(bool busy)
{
    m_address->setEnabled(!busy);
    m_name->setEnabled(!busy);
    m_group->setEnabled(!busy);
    m_add->setEnabled(!busy);
}

void AddContactDialog::showProblem(const QString &text)
{
    QPalette problem = palette();
    problem.setColor(QPalette::WindowText, errorColor());
    m_status->setPalette(problem);
    m_status->setForegroundRole(QPalette::WindowText);
    m_status->setText(text);
    m_status->show();
    m_address->setFocus();
    m_address->selectAll();
}

} // namespace flint::ui
