#include "StatusSelector.h"

#include "common/Icons.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// What a user can choose; Offline is logging out, in the Flint menu.
constexpr PresenceStatus::Availability Choices[] = {
    PresenceStatus::Online, PresenceStatus::FreeForChat, PresenceStatus::Away,
    PresenceStatus::ExtendedAway, PresenceStatus::DoNotDisturb};

} // namespace

StatusSelector::StatusSelector(PresenceManager &presence, QWidget *parent)
    : QWidget(parent), m_presence(presence), m_availability(new QComboBox(this)),
      m_text(new QLineEdit(this))
{
    m_availability->setObjectName(u"availabilityCombo"_s);
    m_availability->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const auto availability : Choices)
        m_availability->addItem(statusIcon(availability), {}, QVariant::fromValue(availability));
    m_text->setObjectName(u"statusTextEdit"_s);
    m_text->setClearButtonEnabled(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_availability);
    layout->addWidget(m_text, 1);

    connect(m_availability, &QComboBox::activated, this, &StatusSelector::apply);
    connect(m_text, &QLineEdit::editingFinished, this, &StatusSelector::apply);
    connect(&presence, &PresenceManager::statusChanged, this, &StatusSelector::showStatus);
    retranslateUi();
    showStatus(presence.status());
}

void StatusSelector::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StatusSelector::retranslateUi()
{
    for (int i = 0; i < m_availability->count(); ++i)
        m_availability->setItemText(i, availabilityName(Choices[i]));
    m_availability->setAccessibleName(tr("Availability"));
    m_availability->setToolTip(tr("Your availability, as your contacts see it"));
    m_text->setPlaceholderText(tr("What are you doing?"));
    m_text->setAccessibleName(tr("Status message"));
}

void StatusSelector::showStatus(const PresenceStatus &status)
{
    const int index = m_availability->findData(QVariant::fromValue(status.availability));
    if (index >= 0)
        m_availability->setCurrentIndex(index);
    // Text being typed wins over an automatic change (auto-away keeps the text anyway).
    if (!(m_text->hasFocus() && m_text->isModified()))
        m_text->setText(status.text);
}

void StatusSelector::apply()
{
    const PresenceStatus status{m_availability->currentData().value<PresenceStatus::Availability>(),
                                m_text->text().trimmed()};
    m_text->setModified(false);
    if (status != m_presence.status())
        m_presence.setStatus(status);
}

} // namespace flint::ui
