#include "ChatTab.h"

#include "Composer.h"
#include "MessageInput.h"
#include "SearchBar.h"
#include "TranscriptView.h"
#include "client/ClientAccount.h"
#include "client/Conversation.h"
#include "client/MessageListModel.h"
#include "client/ProfileManager.h"
#include "client/RoomService.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "client/TransferService.h"
#include "common/FileDropArea.h"
#include "common/Icons.h"
#include "common/NoticeBar.h"
#include "common/Widgets.h"

#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {

ChatTab::ChatTab(ClientAccount &account, Conversation &conversation, QWidget *parent)
    : QWidget(parent), m_account(account), m_conversation(conversation)
{
    setObjectName(u"chatTab"_s);
    if (const qsizetype slash = peer().indexOf(u'/'); slash > 0 && account.rooms().isRoom(peer())) {
        m_roomJid = peer().left(slash);
        m_occupantNick = peer().mid(slash + 1);
    }
    auto *transcriptArea = new QWidget(this);
    transcriptArea->setObjectName(u"transcriptArea"_s);
    transcriptArea->setAutoFillBackground(true);
    transcriptArea->setBackgroundRole(QPalette::Base);
    m_view = new TranscriptView(transcriptArea);
    m_view->setObjectName(u"transcript"_s);
    m_view->setMessages(&conversation.messages());
    m_view->setTransfers(&account.transfers());
    m_typing = new QLabel(transcriptArea);
    m_typing->setObjectName(u"typingIndicator"_s);
    QFont typingFont = m_typing->font();
    typingFont.setItalic(true);
    m_typing->setFont(typingFont);
    setSecondary(m_typing);
    const int em = fontMetrics().height();
    auto *transcriptLayout = new QVBoxLayout(transcriptArea);
    transcriptLayout->setContentsMargins(0, 0, 0, 0);
    transcriptLayout->setSpacing(0);
    transcriptLayout->addWidget(m_view, 1);
    auto *typingRow = new QHBoxLayout;
    typingRow->setContentsMargins(qRound(em * 1.3), 0, em, em / 4);
    typingRow->addWidget(m_typing);
    transcriptLayout->addLayout(typingRow);
    // Reserved even when empty, so the transcript does not jump when the peer starts typing.
    m_typing->setMinimumHeight(m_typing->fontMetrics().height());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createHeader());
    m_searchBar = new SearchBar(m_view, this);
    m_searchBar->setToggleButton(m_searchButton);
    connect(m_searchBar, &SearchBar::closed, this, &ChatTab::focusInput);
    layout->addWidget(m_searchBar);
    layout->addWidget(transcriptArea, 1);
    layout->addWidget(createComposer());

    setTabOrder(m_composer->lastInTabOrder(), m_view);
    setTabOrder(m_view, m_searchButton);
    setTabOrder(m_searchButton, m_profileButton);
    setFocusProxy(m_input);
    m_dropArea = new FileDropArea(
        this, [this] { return canSendFiles(); },
        [this] { return tr("Drop files here to send them to %1").arg(m_peerName); });
    m_dropArea->watch(m_input->viewport());
    connect(m_dropArea, &FileDropArea::filesDropped, this, &ChatTab::sendFiles);
    if (isRoomOccupant()) {
        // Someone known by a nick in a room has no profile to show and takes no files.
        m_profileButton->hide();
        m_composer->fileButton()->hide();
    }

    RosterModel &roster = account.roster().model();
    connect(&roster, &QAbstractItemModel::modelReset, this, &ChatTab::refreshPeer);
    connect(&roster, &QAbstractItemModel::layoutChanged, this, &ChatTab::refreshPeer);
    connect(&roster, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &first, const QModelIndex &last) {
                // Presence floods the roster at login: only this peer's rows matter here.
                for (int row = first.row(); row <= last.row(); ++row) {
                    if (first.siblingAtRow(row).data(RosterModel::JidRole).toString() == peer()) {
                        refreshPeer();
                        return;
                    }
                }
            });
    connect(&roster, &QAbstractItemModel::rowsInserted, this, &ChatTab::refreshPeer);
    connect(&roster, &QAbstractItemModel::rowsRemoved, this, &ChatTab::refreshPeer);
    if (isRoomOccupant()) {
        // The room object comes and goes with joining and leaving it.
        connect(&account.rooms(), &RoomService::roomAdded, this, [this](Room *room) {
            if (room->jid().compare(m_roomJid, Qt::CaseInsensitive) == 0) {
                watchRoom(room);
                refreshPeer();
            }
        });
        if (Room *room = account.rooms().room(m_roomJid))
            watchRoom(room);
    }
    connect(&account.profiles(), &ProfileManager::ownProfileChanged, this,
            &ChatTab::refreshOwnName);
    connect(&account.profiles(), &ProfileManager::profileReceived, this,
            [this](const QString &jid) {
                if (jid == peer())
                    refreshAvatar();
            });
    connect(&conversation, &Conversation::peerChatStateChanged, this,
            &ChatTab::updateTypingIndicator);
    connect(&conversation, &Conversation::unreadCountChanged, this, &ChatTab::summaryChanged);
    connect(&conversation, &Conversation::sendFailed, this,
            [this](const QString &stanzaId, const SendError &error) {
                showSendError(stanzaId, describe(error));
            });
    connect(&conversation, &Conversation::messageAdded, this, [this](const HistoryMessage &m) {
        if (m.direction == MessageDirection::Outgoing)
            m_view->scrollToLatest();
    });

    refreshOwnName();
    refreshPeer();
    updateTypingIndicator(conversation.peerChatState());
    applyColours();
    retranslateUi();
}

ChatTab::~ChatTab()
{
    // The peer should not go on seeing "typing" for a chat that is gone.
    m_conversation.setTyping(false);
}

QString ChatTab::peer() const
{
    return m_conversation.peer();
}

int ChatTab::unreadCount() const
{
    return m_conversation.unreadCount();
}

QWidget *ChatTab::createHeader()
{
    const int em = fontMetrics().height();
    const ConversationHeader band = conversationHeader(u"chatHeader"_s, this);
    QFrame *header = band.frame;

    m_avatar = new QLabel(header);
    m_avatar->setObjectName(u"peerAvatar"_s);
    m_avatar->setFixedSize(qRound(em * 2.4), qRound(em * 2.4));
    m_name = titleLabel(u"peerName"_s, header);
    m_statusIcon = new QLabel(header);
    m_statusText = new QLabel(header);
    m_statusText->setObjectName(u"peerStatus"_s);
    m_statusText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setSecondary(m_statusText);
    m_searchButton = iconButton(u"searchButton"_s, u"search"_s, header);
    m_profileButton = iconButton(u"profileButton"_s, u"profile"_s, header);
    connect(m_profileButton, &QToolButton::clicked, this,
            [this] { Q_EMIT profileRequested(peer()); });

    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(em / 4);
    statusRow->addWidget(m_statusIcon);
    statusRow->addWidget(m_statusText, 1);
    auto *text = new QVBoxLayout;
    text->setSpacing(0);
    text->addStretch();
    text->addWidget(m_name);
    text->addLayout(statusRow);
    text->addStretch();
    band.row->addWidget(m_avatar);
    band.row->addLayout(text, 1);
    band.row->addWidget(m_searchButton);
    band.row->addWidget(m_profileButton);
    return band.widget;
}

QWidget *ChatTab::createComposer()
{
    const int em = fontMetrics().height();
    auto *area = new QWidget(this);
    area->setObjectName(u"composerArea"_s);
    area->setAutoFillBackground(true);
    area->setBackgroundRole(QPalette::Window);

    m_notice =
        new NoticeBar(u"sendErrorNotice"_s, NoticeBar::Kind::Error, NoticeBar::Dismiss::Yes, area);

    m_composer = new Composer(area);
    m_input = m_composer->input();
    connect(m_composer, &Composer::sendRequested, this, &ChatTab::send);
    connect(m_composer, &Composer::fileRequested, this, &ChatTab::chooseFiles);
    connect(m_composer, &Composer::typingChanged, this,
            [this](bool typing) { m_conversation.setTyping(typing); });

    auto *column = new QVBoxLayout(area);
    column->setContentsMargins(qRound(em * 0.7), em / 2, qRound(em * 0.7), qRound(em * 0.7));
    column->setSpacing(em / 2);
    column->addWidget(m_notice);
    column->addWidget(m_composer);
    return area;
}

void ChatTab::retranslateUi()
{
    m_profileButton->setToolTip(tr("View profile"));
    m_profileButton->setAccessibleName(tr("View profile"));
    m_typing->setAccessibleName(tr("Typing notification"));
    m_avatar->setAccessibleName(tr("Avatar of %1").arg(m_peerName));
    refreshPeer();
    updateTypingIndicator(m_conversation.peerChatState());
}

void ChatTab::applyColours()
{
    setSecondary(m_typing);
    setSecondary(m_statusText);
    m_notice->applyColours();
    refreshIcons(this);
}

void ChatTab::watchRoom(Room *room)
{
    const RoomOccupantModel *occupants = &room->occupants();
    connect(occupants, &QAbstractItemModel::dataChanged, this, &ChatTab::refreshPeer);
    connect(occupants, &QAbstractItemModel::rowsInserted, this, &ChatTab::refreshPeer);
    connect(occupants, &QAbstractItemModel::rowsRemoved, this, &ChatTab::refreshPeer);
    connect(occupants, &QAbstractItemModel::modelReset, this, &ChatTab::refreshPeer);
    connect(room, &Room::nameChanged, this, &ChatTab::refreshPeer);
}

std::optional<RoomOccupant> ChatTab::roomOccupant() const
{
    const Room *room = m_account.rooms().room(m_roomJid);
    return room ? room->occupants().occupant(m_occupantNick) : std::nullopt;
}

void ChatTab::refreshPeer()
{
    const RosterContact contact =
        isRoomOccupant() ? RosterContact{} : m_account.roster().model().contact(peer());
    const QString name = m_account.displayName(peer());
    const std::optional<RoomOccupant> occupant = isRoomOccupant() ? roomOccupant() : std::nullopt;
    const PresenceStatus status = occupant                      ? occupant->status
                                  : contact.resources.isEmpty() ? PresenceStatus{}
                                                                : contact.resources.first().status;
    const bool changed = name != m_peerName || status != m_status;
    m_peerName = name;
    m_status = status;
    m_availability = status.availability;
    m_name->setText(name);
    m_name->setToolTip(peer());
    const int iconSize = qRound(fontMetrics().height() * 0.7);
    m_statusIcon->setPixmap(
        statusIcon(m_availability).pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    if (isRoomOccupant() && !occupant)
        m_statusText->setText(tr("Not in the room"));
    else if (status.text.isEmpty())
        m_statusText->setText(availabilityName(m_availability));
    else
        m_statusText->setText(tr("%1 — %2", "availability — status text")
                                  .arg(availabilityName(m_availability), status.text));
    if (contact.avatarHash != m_avatarHash || changed || m_avatar->pixmap().isNull()) {
        m_avatarHash = contact.avatarHash;
        refreshAvatar();
    }
    m_view->setNames(m_ownName, m_peerName);
    if (changed)
        Q_EMIT summaryChanged();
}

void ChatTab::refreshOwnName()
{
    m_ownName = m_account.ownDisplayName();
    m_view->setNames(m_ownName, m_peerName);
}

void ChatTab::refreshAvatar()
{
    const QImage image = m_account.profiles().avatars().image(m_avatarHash);
    // Someone in a room by the initial of the nick, not of "nick (room)".
    const QString initialsFrom = isRoomOccupant() ? m_occupantNick : m_peerName;
    m_avatar->setPixmap(
        avatarPixmap(image, initialsFrom, peer(), m_avatar->width(), devicePixelRatioF()));
    m_avatar->setAccessibleName(tr("Avatar of %1").arg(m_peerName));
}

void ChatTab::updateTypingIndicator(ChatState state)
{
    switch (state) {
    case ChatState::Composing:
        m_typing->setText(tr("%1 is typing…").arg(m_peerName));
        break;
    case ChatState::Paused:
        m_typing->setText(tr("%1 stopped typing").arg(m_peerName));
        break;
    default:
        m_typing->clear();
        break;
    }
}

void ChatTab::focusInput()
{
    m_input->setFocus(Qt::OtherFocusReason);
}

void ChatTab::showMessage(qint64 messageId)
{
    m_view->showMessage(messageId);
}

void ChatTab::send()
{
    const QString body = m_composer->takeText();
    if (body.isEmpty())
        return;
    m_notice->hide();
    m_conversation.sendMessage(body);
    m_view->scrollToLatest();
}

void ChatTab::showSendError(const QString &stanzaId, const QString &text)
{
    m_view->setFailureText(stanzaId, text);
    showNotice(text);
}

void ChatTab::showNotice(const QString &text)
{
    m_notice->showText(text);
}

QFileDialog *ChatTab::sendFileDialog() const
{
    return findChild<QFileDialog *>(u"sendFileDialog"_s);
}

void ChatTab::chooseFiles()
{
    if (QFileDialog *open = sendFileDialog()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new QFileDialog(this, tr("Send Files to %1").arg(m_peerName));
    dialog->setObjectName(u"sendFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this, &ChatTab::sendFiles);
    dialog->open();
}

void ChatTab::sendFiles(const QStringList &paths)
{
    if (!canSendFiles())
        return;
    for (const QString &path : paths) {
        TransferError error;
        Transfer *transfer = m_account.transfers().sendFile(peer(), path, &error);
        if (!transfer) {
            showNotice(
                tr("Could not send %1: %2").arg(QFileInfo(path).fileName(), describe(error)));
            continue;
        }
        const auto noticeFailure = [this, transfer] {
            showNotice(
                tr("Could not send %1: %2").arg(transfer->fileName(), describe(transfer->error())));
        };
        if (transfer->state() == Transfer::State::Failed) {
            noticeFailure();
            continue;
        }
        m_notice->hide();
        connect(transfer, &Transfer::stateChanged, this, [noticeFailure](Transfer::State state) {
            if (state == Transfer::State::Failed)
                noticeFailure();
        });
    }
}

void ChatTab::showSearch()
{
    m_searchBar->open();
}

void ChatTab::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::PaletteChange)
        applyColours();
    QWidget::changeEvent(event);
}

} // namespace flint::ui
