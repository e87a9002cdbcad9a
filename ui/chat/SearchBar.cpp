#include "SearchBar.h"

#include "TranscriptView.h"
#include "client/MessageListModel.h"
#include "common/Icons.h"
#include "common/Widgets.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// How many older pages a find may read: a few while typing, more when the user asks again.
constexpr int TypingPageBudget = 2;
constexpr int RequestPageBudget = 20;

} // namespace

SearchBar::SearchBar(TranscriptView *view, QWidget *parent) : QFrame(parent), m_view(view)
{
    setObjectName(u"searchBar"_s);
    const int em = fontMetrics().height();
    m_field = new QLineEdit(this);
    m_field->setObjectName(u"searchField"_s);
    m_field->setClearButtonEnabled(true);
    m_fieldIcon = m_field->addAction(icon(u"search"_s), QLineEdit::LeadingPosition);
    m_field->installEventFilter(this);
    m_status = new QLabel(this);
    m_status->setObjectName(u"searchStatus"_s);
    m_olderButton = iconButton(u"searchOlderButton"_s, u"chevron-up"_s, this);
    m_newerButton = iconButton(u"searchNewerButton"_s, u"chevron-down"_s, this);
    m_closeButton = iconButton(u"closeSearchButton"_s, u"close"_s, this);
    connect(m_field, &QLineEdit::textChanged, this, &SearchBar::textChanged);
    connect(m_olderButton, &QToolButton::clicked, this,
            [this] { findMatch(Direction::Older, RequestPageBudget); });
    connect(m_newerButton, &QToolButton::clicked, this, [this] { findMatch(Direction::Newer, 0); });
    connect(m_closeButton, &QToolButton::clicked, this, &SearchBar::dismiss);
    auto *escape = new QShortcut(QKeySequence::Cancel, this, this, &SearchBar::dismiss);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    auto *next = new QShortcut(QKeySequence::FindNext, parent, this, [this] {
        if (isVisible())
            findMatch(Direction::Older, RequestPageBudget);
    });
    next->setContext(Qt::WidgetWithChildrenShortcut);
    auto *previous = new QShortcut(QKeySequence::FindPrevious, parent, this, [this] {
        if (isVisible())
            findMatch(Direction::Newer, 0);
    });
    previous->setContext(Qt::WidgetWithChildrenShortcut);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(em, em / 3, qRound(em * 0.6), em / 3);
    row->setSpacing(em / 3);
    row->addWidget(m_field, 1);
    row->addWidget(m_status);
    row->addWidget(m_olderButton);
    row->addWidget(m_newerButton);
    row->addWidget(m_closeButton);
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addLayout(row);
    column->addWidget(horizontalLine(this));
    hide();
    // Only now: a palette change goes to changeEvent(), which needs the children.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);

    followMessages();
    applyColours();
    retranslateUi();
}

SearchBar::~SearchBar() = default;

void SearchBar::open()
{
    show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchBar::dismiss()
{
    hide();
    m_field->clear();
    Q_EMIT closed();
}

void SearchBar::setToggleButton(QToolButton *button)
{
    m_toggleButton = button;
    connect(button, &QToolButton::clicked, this, [this] {
        if (isVisible())
            dismiss();
        else
            open();
    });
    retranslateUi();
}

void SearchBar::followMessages()
{
    disconnect(m_rowsInserted);
    m_messages = m_view->messages();
    m_matchId = 0;
    // Older pages and new messages change the count, and perhaps the reason there is no match.
    if (m_messages)
        m_rowsInserted = connect(m_messages, &QAbstractItemModel::rowsInserted, this, [this] {
            if (!m_field->text().isEmpty())
                updateStatus(m_matchId != 0, Direction::Older);
        });
    if (!m_field->text().isEmpty())
        textChanged();
}

void SearchBar::retranslateUi()
{
    if (m_toggleButton) {
        m_toggleButton->setToolTip(
            tr("Find in conversation (%1)")
                .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
        m_toggleButton->setAccessibleName(tr("Find in conversation"));
    }
    m_field->setPlaceholderText(tr("Find in conversation"));
    m_field->setAccessibleName(tr("Find in conversation"));
    m_olderButton->setToolTip(tr("Older match (Enter)"));
    m_olderButton->setAccessibleName(tr("Older match"));
    m_newerButton->setToolTip(tr("Newer match (Shift+Enter)"));
    m_newerButton->setAccessibleName(tr("Newer match"));
    m_closeButton->setToolTip(tr("Close the find bar (Esc)"));
    m_closeButton->setAccessibleName(tr("Close the find bar"));
    if (!m_field->text().isEmpty())
        updateStatus(m_matchId != 0, Direction::Older);
}

void SearchBar::applyColours()
{
    setSecondary(m_status);
    refreshIcons(this);
    m_fieldIcon->setIcon(icon(u"search"_s));
}

void SearchBar::textChanged()
{
    m_view->setSearchText(m_field->text());
    m_matchId = 0;
    if (m_field->text().isEmpty()) {
        m_status->clear();
        m_view->clearSelection();
        return;
    }
    findMatch(Direction::Older, TypingPageBudget);
}

bool SearchBar::matches(int row) const
{
    return m_messages->message(row).body.contains(m_field->text(), Qt::CaseInsensitive);
}

void SearchBar::findMatch(Direction direction, int pageBudget)
{
    if (m_field->text().isEmpty() || !m_messages)
        return;
    int from = m_matchId != 0 ? m_view->rowOf(m_matchId) : -1;
    if (from < 0)
        from = m_messages->rowCount();
    int found = -1;
    if (direction == Direction::Newer) {
        for (int row = from + 1; row < m_messages->rowCount() && found < 0; ++row) {
            if (matches(row))
                found = row;
        }
    } else {
        for (int pages = 0;; ++pages) {
            for (int row = from - 1; row >= 0 && found < 0; --row) {
                if (matches(row))
                    found = row;
            }
            if (found >= 0 || pages >= pageBudget)
                break;
            // The rows read now go in on top: search just those next.
            const int before = m_messages->rowCount();
            if (!m_view->loadOlder())
                break;
            from = m_messages->rowCount() - before;
        }
    }
    if (found >= 0) {
        m_matchId = m_messages->message(found).id;
        m_view->showMessage(m_matchId);
    }
    updateStatus(found >= 0, direction);
}

void SearchBar::updateStatus(bool found, Direction direction)
{
    if (!m_messages)
        return;
    int total = 0;
    int position = 0;
    for (int row = m_messages->rowCount() - 1; row >= 0; --row) {
        if (!matches(row))
            continue;
        ++total;
        if (m_messages->message(row).id == m_matchId)
            position = total;
    }
    if (found && position > 0)
        m_status->setText(tr("%1 of %2").arg(position).arg(total));
    else if (direction == Direction::Newer && total > 0)
        m_status->setText(tr("No newer matches"));
    else if (m_messages->canFetchMore())
        m_status->setText(tr("No match yet; Enter looks further back"));
    else if (total > 0)
        m_status->setText(tr("No older matches"));
    else
        m_status->setText(tr("No matches"));
}

bool SearchBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                findMatch(Direction::Newer, 0);
            else
                findMatch(Direction::Older, RequestPageBudget);
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void SearchBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::PaletteChange)
        applyColours();
    QFrame::changeEvent(event);
}

} // namespace flint::ui
