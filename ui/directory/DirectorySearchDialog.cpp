#include "DirectorySearchDialog.h"

#include "client/ClientAccount.h"
#include "client/ProfileManager.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "common/Icons.h"
#include "common/Metrics.h"
#include "common/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

enum Column { NameColumn, AddressColumn, EmailColumn, ContactColumn, ColumnCount };

QPushButton *button(QWidget *parent, const QString &objectName, const QString &iconName)
{
    auto *button = new QPushButton(parent);
    button->setObjectName(objectName);
    if (!iconName.isEmpty())
        button->setIcon(icon(iconName));
    // Enter belongs to the search field and the results, never to a button.
    button->setAutoDefault(false);
    return button;
}

} // namespace

DirectorySearchDialog::DirectorySearchDialog(ClientAccount &account, QWidget *parent)
    : QDialog(parent), m_account(account), m_hint(new QLabel(this)), m_query(new QLineEdit(this)),
      m_search(button(this, u"searchButton"_s, u"search"_s)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)), m_results(new QTableWidget(0, ColumnCount, this)),
      m_add(button(this, u"addButton"_s, u"add-contact"_s)),
      m_chat(button(this, u"chatButton"_s, u"chat"_s)), m_close(button(this, u"closeButton"_s, {}))
{
    setObjectName(u"directorySearchDialog"_s);
    const int em = fontMetrics().height();

    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_query->setObjectName(u"searchEdit"_s);
    m_query->setClearButtonEnabled(true);
    m_query->addAction(icon(u"search"_s), QLineEdit::LeadingPosition);
    connect(m_query, &QLineEdit::returnPressed, this, &DirectorySearchDialog::search);
    connect(m_search, &QPushButton::clicked, this, &DirectorySearchDialog::search);

    m_results->setObjectName(u"resultsTable"_s);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setTabKeyNavigation(false);
    m_results->setAlternatingRowColors(true);
    m_results->setShowGrid(false);
    m_results->setWordWrap(false);
    m_results->setIconSize(QSize(em * 3 / 2, em * 3 / 2));
    m_results->verticalHeader()->hide();
    m_results->verticalHeader()->setDefaultSectionSize(em * 2);
    m_results->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_results->horizontalHeader()->setHighlightSections(false);
    for (int column : {NameColumn, AddressColumn, EmailColumn})
        m_results->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Stretch);
    m_results->horizontalHeader()->setSectionResizeMode(ContactColumn,
                                                        QHeaderView::ResizeToContents);
    connect(m_results, &QTableWidget::itemSelectionChanged, this,
            &DirectorySearchDialog::updateButtons);
    connect(m_results, &QTableWidget::activated, this,
            [this](const QModelIndex &index) { chatWith(index.row()); });

    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(em * 4);
    m_progress->setMaximumHeight(em / 2);
    m_progress->hide();
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);

    connect(m_add, &QPushButton::clicked, this, &DirectorySearchDialog::addSelected);
    connect(m_chat, &QPushButton::clicked, this, [this] { chatWith(m_results->currentRow()); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_query, 1);
    searchRow->addWidget(m_search);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_status, 1);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_add);
    buttonRow->addWidget(m_chat);
    buttonRow->addStretch();
    buttonRow->addWidget(m_close);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em * 3 / 2, em * 3 / 2, em * 3 / 2, em);
    layout->setSpacing(em * 2 / 3);
    layout->addWidget(m_hint);
    layout->addLayout(searchRow);
    layout->addWidget(m_results, 1);
    layout->addLayout(statusRow);
    layout->addLayout(buttonRow);
    resize(defaultWindowSize(this, 56, 30));

    setTabOrder(m_query, m_search);
    setTabOrder(m_search, m_results);
    setTabOrder(m_results, m_add);
    setTabOrder(m_add, m_chat);
    setTabOrder(m_chat, m_close);

    DirectorySearch &directory = account.directory();
    connect(&directory, &DirectorySearch::resultsReceived, this,
            &DirectorySearchDialog::showResults);
    connect(&directory, &DirectorySearch::searchFailed, this, &DirectorySearchDialog::showFailure);
    connect(&account.profiles(), &ProfileManager::profileReceived, this,
            [this](const QString &jid, const Profile &profile) {
                if (profile.photo.isEmpty())
                    return;
                for (int row = 0; row < m_entries.size(); ++row) {
                    if (m_entries.at(row).jid.compare(jid, Qt::CaseInsensitive) == 0)
                        showAvatar(row, QImage::fromData(profile.photo));
                }
            });
    connect(&account.roster(), &RosterManager::operationFinished, this,
            &DirectorySearchDialog::handleRosterResult);
    RosterModel &roster = account.roster().model();
    connect(&roster, &QAbstractItemModel::modelReset, this, &DirectorySearchDialog::updateRows);
    connect(&roster, &QAbstractItemModel::rowsInserted, this, &DirectorySearchDialog::updateRows);
    connect(&roster, &QAbstractItemModel::rowsRemoved, this, &DirectorySearchDialog::updateRows);

    retranslateUi();
    updateButtons();
    m_query->setFocus();
}

void DirectorySearchDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void DirectorySearchDialog::retranslateUi()
{
    setWindowTitle(tr("Find Colleagues"));
    m_hint->setText(tr("Search the directory of your server by part of a name, username or "
                       "email address."));
    m_query->setPlaceholderText(tr("Name, username or email"));
    m_query->setAccessibleName(tr("Search for"));
    m_search->setText(tr("&Search"));
    m_results->setHorizontalHeaderLabels(
        {tr("Name"), tr("Address"), tr("Email"),
         tr("Status", "directory column: in contacts, you, being added")});
    m_results->setAccessibleName(tr("Search results"));
    m_add->setText(tr("&Add Contact"));
    m_chat->setText(tr("&Chat"));
    m_close->setText(tr("Close"));
    m_progress->setAccessibleName(tr("Searching"));
    if (m_statusText)
        m_status->setText(m_statusText());
    updateRows();
}

void DirectorySearchDialog::search()
{
    const QString text = m_query->text().trimmed();
    showStatus([] { return tr("Searching…"); }, false, true);
    m_account.directory().search(text);
}

void DirectorySearchDialog::showResults(const QList<DirectoryEntry> &entries)
{
    m_entries = entries;
    m_results->setRowCount(0);
    m_results->setRowCount(int(entries.size()));
    ProfileManager &profiles = m_account.profiles();
    const RosterModel &roster = m_account.roster().model();
    for (int row = 0; row < entries.size(); ++row) {
        const DirectoryEntry &entry = entries.at(row);
        const QString name = entry.name.isEmpty() ? entry.jid.section(u'@', 0, 0) : entry.name;
        m_results->setItem(row, NameColumn, new QTableWidgetItem(name));
        m_results->setItem(row, AddressColumn, new QTableWidgetItem(entry.jid));
        m_results->setItem(row, EmailColumn, new QTableWidgetItem(entry.email));
        m_results->setItem(row, ContactColumn, new QTableWidgetItem);
        const std::optional<Profile> card = profiles.cachedProfile(entry.jid);
        QImage picture = card ? QImage::fromData(card->photo) : QImage();
        if (picture.isNull() && roster.contains(entry.jid))
            picture = profiles.avatars().image(roster.contact(entry.jid).avatarHash);
        showAvatar(row, picture);
        // A card not seen yet brings its picture when it arrives.
        if (!card)
            profiles.requestProfile(entry.jid);
    }
    const QString query = m_query->text().trimmed();
    const int count = int(entries.size());
    if (count == 0)
        showStatus([query] { return tr("No one matches “%1”.").arg(query); }, false);
    else
        showStatus([count] { return tr("%n colleague(s) found.", nullptr, count); }, false);
    updateRows();
    if (count > 0)
        m_results->setCurrentCell(0, NameColumn);
}

void DirectorySearchDialog::showAvatar(int row, const QImage &picture)
{
    QTableWidgetItem *item = m_results->item(row, NameColumn);
    if (!item)
        return;
    item->setIcon(QIcon(avatarPixmap(picture, item->text(), m_entries.at(row).jid,
                                     m_results->iconSize().width(), devicePixelRatioF())));
}

void DirectorySearchDialog::showFailure(const DirectorySearchResult &result)
{
    showStatus([result] { return describe(result); }, true);
}

void DirectorySearchDialog::addSelected()
{
    const int row = m_results->currentRow();
    if (row < 0 || row >= m_entries.size())
        return;
    const DirectoryEntry entry = m_entries.at(row);
    m_adding.insert(entry.jid.toLower());
    updateRows();
    m_account.roster().addContact(entry.jid, entry.name);
}

void DirectorySearchDialog::chatWith(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    const QString jid = m_entries.at(row).jid;
    if (jid.compare(m_account.bareJid(), Qt::CaseInsensitive) != 0)
        Q_EMIT chatRequested(jid);
}

void DirectorySearchDialog::handleRosterResult(const RosterResult &result)
{
    if (result.operation != RosterResult::AddContact || !m_adding.remove(result.jid.toLower()))
        return;
    showStatus([result] { return describe(result); }, result.kind != RosterResult::Done);
    updateRows();
}

void DirectorySearchDialog::updateRows()
{
    const RosterModel &roster = m_account.roster().model();
    for (int row = 0; row < m_entries.size(); ++row) {
        QTableWidgetItem *item = m_results->item(row, ContactColumn);
        if (!item)
            continue;
        const QString jid = m_entries.at(row).jid.toLower();
        if (jid == m_account.bareJid().toLower()) {
            item->setText(tr("You"));
            item->setIcon({});
        } else if (roster.contains(jid)) {
            item->setText(tr("In contacts"));
            item->setIcon(icon(u"tick"_s));
        } else if (m_adding.contains(jid)) {
            item->setText(tr("Adding…"));
            item->setIcon({});
        } else {
            item->setText({});
            item->setIcon({});
        }
    }
    updateButtons();
}

void DirectorySearchDialog::updateButtons()
{
    const int row = m_results->currentRow();
    const bool valid = row >= 0 && row < m_entries.size() && !m_results->selectedItems().isEmpty();
    const QString jid = valid ? m_entries.at(row).jid.toLower() : QString();
    const bool self = valid && jid == m_account.bareJid().toLower();
    m_add->setEnabled(valid && !self && !m_account.roster().model().contains(jid) &&
                      !m_adding.contains(jid));
    m_chat->setEnabled(valid && !self);
}

void DirectorySearchDialog::showStatus(std::function<QString()> text, bool error, bool busy)
{
    m_statusText = std::move(text);
    m_status->setText(m_statusText ? m_statusText() : QString());
    QPalette palette = this->palette();
    if (error)
        palette.setColor(QPalette::WindowText, errorColor());
    m_status->setPalette(palette);
    m_progress->setVisible(busy);
}

} // namespace flint::ui
