#include "ReceivePrompt.h"

#include "TransferText.h"
#include "client/ClientAccount.h"
#include "client/ProfileManager.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "client/TransferService.h"
#include "common/Icons.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QMimeDatabase>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {

ReceivePrompt::ReceivePrompt(ClientAccount &account, Transfer &transfer, QWidget *parent)
    : QDialog(parent), m_account(account), m_transfer(&transfer), m_sender(transfer.peer()),
      m_avatar(new QLabel(this)), m_title(new QLabel(this)), m_jid(new QLabel(this)),
      m_fileIcon(new QLabel(this)), m_fileName(new QLabel(this)), m_fileDetails(new QLabel(this)),
      m_destination(new QLabel(this))
{
    setObjectName(u"receivePrompt"_s);
    setModal(false);
    m_avatar->setObjectName(u"senderAvatar"_s);
    m_title->setObjectName(u"senderLabel"_s);
    m_jid->setObjectName(u"senderJidLabel"_s);
    m_fileIcon->setObjectName(u"fileIcon"_s);
    m_fileName->setObjectName(u"fileNameLabel"_s);
    m_fileDetails->setObjectName(u"fileSizeLabel"_s);
    m_destination->setObjectName(u"destinationLabel"_s);

    const int em = fontMetrics().height();
    m_avatar->setFixedSize(qRound(em * 2.4), qRound(em * 2.4));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_jid->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_jid->setForegroundRole(QPalette::PlaceholderText);
    m_fileIcon->setFixedSize(qRound(em * 2.6), qRound(em * 2.6));
    m_fileName->setTextFormat(Qt::PlainText);
    m_fileName->setWordWrap(true);
    m_fileName->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileName->setFont(bold);
    m_fileDetails->setForegroundRole(QPalette::PlaceholderText);
    m_destination->setWordWrap(true);
    m_destination->setTextFormat(Qt::PlainText);
    m_destination->setForegroundRole(QPalette::PlaceholderText);

    auto *file = new QFrame(this);
    file->setObjectName(u"fileBox"_s);
    file->setFrameShape(QFrame::StyledPanel);
    file->setAutoFillBackground(true);
    file->setBackgroundRole(QPalette::Base);
    auto *fileLayout = new QGridLayout(file);
    fileLayout->setContentsMargins(qRound(em * 0.6), em / 2, qRound(em * 0.6), em / 2);
    fileLayout->setHorizontalSpacing(qRound(em * 0.6));
    fileLayout->setVerticalSpacing(0);
    fileLayout->addWidget(m_fileIcon, 0, 0, 2, 1, Qt::AlignVCenter);
    fileLayout->addWidget(m_fileName, 0, 1, Qt::AlignBottom);
    fileLayout->addWidget(m_fileDetails, 1, 1, Qt::AlignTop);
    fileLayout->setColumnStretch(1, 1);
    m_fileName->setParent(file);
    m_fileDetails->setParent(file);
    m_fileIcon->setParent(file);

    auto *buttons = new QDialogButtonBox(this);
    m_accept = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_accept->setObjectName(u"acceptButton"_s);
    m_accept->setDefault(true);
    m_saveAsButton = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_saveAsButton->setObjectName(u"saveAsButton"_s);
    m_decline = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_decline->setObjectName(u"declineButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &ReceivePrompt::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ReceivePrompt::reject);
    connect(m_saveAsButton, &QPushButton::clicked, this, &ReceivePrompt::saveAs);

    auto *header = new QGridLayout;
    header->setHorizontalSpacing(qRound(em * 0.7));
    header->setVerticalSpacing(0);
    header->addWidget(m_avatar, 0, 0, 2, 1, Qt::AlignTop);
    header->addWidget(m_title, 0, 1, Qt::AlignBottom);
    header->addWidget(m_jid, 1, 1, Qt::AlignTop);
    header->setColumnStretch(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setSpacing(qRound(em * 0.7));
    layout->addLayout(header);
    layout->addWidget(file);
    layout->addWidget(m_destination);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(em * 24);

    const int iconSide = m_fileIcon->width();
    m_fileIcon->setPixmap(fileTypePixmap(transfer.fileName(), iconSide, devicePixelRatioF()));
    m_fileName->setText(transfer.fileName());
    m_jid->setText(m_sender);
    connect(&transfer, &Transfer::stateChanged, this, &ReceivePrompt::offerChanged);
    connect(&transfer, &QObject::destroyed, this, &ReceivePrompt::offerChanged);
    RosterModel &roster = account.roster().model();
    connect(&roster, &QAbstractItemModel::modelReset, this, &ReceivePrompt::refreshSender);
    connect(&roster, &QAbstractItemModel::dataChanged, this, &ReceivePrompt::refreshSender);
    refreshSender();
    retranslateUi();
}

ReceivePrompt::~ReceivePrompt() = default;

QFileDialog *ReceivePrompt::saveAsDialog() const
{
    return m_saveAs;
}

void ReceivePrompt::refreshSender()
{
    const QString name = m_account.displayName(m_sender);
    const RosterContact contact = m_account.roster().model().contact(m_sender);
    const QImage image = m_account.profiles().avatars().image(contact.avatarHash);
    m_avatar->setPixmap(
        avatarPixmap(image, name, m_sender, m_avatar->width(), devicePixelRatioF()));
    m_avatar->setAccessibleName(tr("Avatar of %1").arg(name));
    m_title->setText(tr("%1 wants to send you a file").arg(name));
}

void ReceivePrompt::retranslateUi()
{
    setWindowTitle(tr("Incoming File"));
    refreshSender();
    if (m_transfer) {
        const QMimeType type =
            QMimeDatabase().mimeTypeForFile(m_transfer->fileName(), QMimeDatabase::MatchExtension);
        const QString size = TransferText::size(m_transfer->size());
        m_fileDetails->setText(
            type.isDefault() || type.comment().isEmpty()
                ? size
                : tr("%1 · %2", "file size · file type").arg(size, type.comment()));
        m_destination->setText(
            tr("Accept saves it in %1.")
                .arg(QDir::toNativeSeparators(m_account.transfers().downloadsDirectory())));
    }
    m_fileIcon->setAccessibleName(tr("File type"));
    m_accept->setText(tr("&Accept"));
    m_accept->setToolTip(tr("Save the file in the downloads folder"));
    m_saveAsButton->setText(tr("&Save As…"));
    m_saveAsButton->setToolTip(tr("Choose where to save the file"));
    m_decline->setText(tr("&Decline"));
}

void ReceivePrompt::accept()
{
    if (m_transfer && m_transfer->state() == Transfer::State::Offered) {
        m_transfer->accept();
        Q_EMIT fileAccepted(m_transfer);
    }
    QDialog::accept();
}

void ReceivePrompt::reject()
{
    if (m_transfer && m_transfer->state() == Transfer::State::Offered)
        m_transfer->decline();
    QDialog::reject();
}

void ReceivePrompt::saveAs()
{
    if (!m_transfer)
        return;
    if (m_saveAs) {
        m_saveAs->raise();
        m_saveAs->activateWindow();
        return;
    }
    m_saveAs = new QFileDialog(this, tr("Save File As"));
    m_saveAs->setObjectName(u"saveAsDialog"_s);
    m_saveAs->setAttribute(Qt::WA_DeleteOnClose);
    m_saveAs->setAcceptMode(QFileDialog::AcceptSave);
    m_saveAs->setFileMode(QFileDialog::AnyFile);
    m_saveAs->setDirectory(m_account.transfers().downloadsDirectory());
    m_saveAs->selectFile(m_transfer->fileName());
    connect(m_saveAs, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!m_transfer || m_transfer->state() != Transfer::State::Offered || path.isEmpty())
            return;
        m_transfer->accept(path);
        Q_EMIT fileAccepted(m_transfer);
        QDialog::accept();
    });
    m_saveAs->open();
}

void ReceivePrompt::offerChanged()
{
    // Answered elsewhere, cancelled by the sender, or gone with the session.
    if (!m_transfer || m_transfer->state() != Transfer::State::Offered) {
        if (m_saveAs)
            m_saveAs->close();
        done(QDialog::Rejected);
    }
}

void ReceivePrompt::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace flint::ui
