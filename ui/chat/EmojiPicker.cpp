#include "EmojiPicker.h"

#include <QGuiApplication>
#include <QListWidget>
#include <QScreen>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

constexpr int Columns = 8;
constexpr int VisibleRows = 6;

QStringList split(const QString &emoji)
{
    return emoji.split(u' ', Qt::SkipEmptyParts);
}

// The platforms' colour emoji fonts first: the text font may have a few emoji of its own, drawn
// in another style than the rest.
QFont emojiFont(const QFont &font, qreal scale)
{
    QFont emoji = font;
    emoji.setFamilies({u"Noto Color Emoji"_s, u"Apple Color Emoji"_s, u"Segoe UI Emoji"_s,
                       u"Twemoji"_s, font.family()});
    emoji.setPointSizeF(font.pointSizeF() * scale);
    return emoji;
}

// A grid of a fixed size that says so in its size hint: the tab widget sizes itself from its
// pages' hints, which a list view otherwise takes from its default viewport size.
class EmojiGrid : public QListWidget {
public:
    using QListWidget::QListWidget;

    QSize sizeHint() const override { return minimumSize(); }
};

} // namespace

EmojiPicker::EmojiPicker(QWidget *parent) : QFrame(parent, Qt::Popup)
{
    setObjectName(u"emojiPicker"_s);
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(false);
    m_tabs->tabBar()->setFont(emojiFont(m_tabs->font(), 1.15));
    addCategory(
        u"😀"_s,
        split(
            u"😀 😃 😄 😁 😆 😅 😂 🤣 😊 😇 🙂 🙃 😉 😌 😍 🥰 😘 "
            u"😋 "
            u"😛 "
            u"😜 "
            u"🤪 "
            u"😎 "
            u"🤓 "
            "🧐 🤔 🤨 😐 😑 😶 🙄 😏 😬 😴 😷 🤒 🤯 😳 🥺 😢 😭 "
            "😤 "
            "😠 "
            "😡 "
            "🤗 "
            "🤭 🤫 "
            "😱 🥳"_s));
    addCategory(
        u"👍"_s,
        split(u"👍 👎 👌 ✌️ 🤞 🤟 🤘 🤙 👈 👉 👆 👇 ☝️ ✋ 🤚 "
              u"🖐️ "
              u"🖖 "
              u"👋 "
              u"👏 🙌 👐 🤲 "
              "🙏 🤝 💪 ✍️ 🤦 🤷 🙋 🙇 👀 🧠"_s));
    addCategory(
        u"❤️"_s,
        split(
            u"❤️ 🧡 💛 💚 💙 💜 🖤 🤍 💔 💕 💯 ✅ ❌ ❗ ❓ ⚠️ 🔥 "
            u"✨ "
            u"⭐ "
            u"🌟 "
            u"💡 "
            u"🎉 "
            u"🎊 "
            "🎈 🎁 🏆 🎯 💤"_s));
    addCategory(
        u"💼"_s,
        split(u"☕ 🍵 🍺 🍷 🍕 🍔 🍰 🎂 💼 💻 🖥️ ⌨️ 🖱️ 📱 📞 "
              u"📧 "
              u"📅 "
              u"📌 "
              u"📎 "
              u"📝 "
              u"📊 "
              u"📈 "
              "📉 📁 🔒 🔑 🔔 ⏰ ⌛ 🚀 🚗 ✈️"_s));
    addCategory(
        u"🌿"_s,
        split(u"☀️ 🌤️ ⛅ 🌧️ ⛈️ ❄️ 🌈 🌙 🌍 🌸 🌻 🌲 🌿 🍀 "
              u"🍁 "
              u"🍎 "
              u"🐶 "
              u"🐱 "
              u"🐼 "
              u"🐧 "
              u"🦊 "
              "🐝 🐢 🦄"_s));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_tabs);
    retranslateUi();
}

QListWidget *EmojiPicker::addCategory(const QString &symbol, const QStringList &emoji)
{
    auto *grid = new EmojiGrid(m_tabs);
    grid->setObjectName(u"emojiGrid"_s);
    grid->setViewMode(QListView::IconMode);
    grid->setMovement(QListView::Static);
    grid->setResizeMode(QListView::Adjust);
    grid->setFlow(QListView::LeftToRight);
    grid->setWrapping(true);
    grid->setUniformItemSizes(true);
    grid->setFrameShape(QFrame::NoFrame);
    grid->setBackgroundRole(QPalette::Base);
    grid->setAutoFillBackground(true);
    // Every category fits in the grid (at most Columns × VisibleRows): a list view in this flow
    // would otherwise keep room for a vertical scroll bar.
    grid->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    grid->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    grid->setSpacing(0);
    grid->setMouseTracking(true);
    const QFont font = emojiFont(grid->font(), 1.5);
    grid->setFont(font);
    const int cell = qRound(QFontMetrics(font).height() * 1.55);
    grid->setGridSize(QSize(cell, cell));
    // The icon mode wraps a row whose last cell reaches the edge, hence the extra pixel.
    grid->setFixedSize(cell * Columns + 1, cell * VisibleRows);
    for (const QString &e : emoji) {
        auto *item = new QListWidgetItem(e, grid);
        item->setTextAlignment(Qt::AlignCenter);
        item->setSizeHint(QSize(cell, cell));
    }
    grid->setCurrentRow(0);
    // Enter or a click (single or double, as the platform activates items).
    connect(grid, &QListWidget::clicked, this,
            [this](const QModelIndex &index) { choose(index.data().toString()); });
    connect(grid, &QListWidget::activated, this,
            [this](const QModelIndex &index) { choose(index.data().toString()); });
    m_tabs->addTab(grid, symbol);
    m_grids.append(grid);
    return grid;
}

void EmojiPicker::retranslateUi()
{
    const QStringList names = {tr("Smileys"), tr("Gestures"), tr("Symbols"), tr("Objects"),
                               tr("Nature")};
    for (int i = 0; i < m_tabs->count() && i < names.size(); ++i) {
        m_tabs->setTabToolTip(i, names.at(i));
        m_tabs->tabBar()->setAccessibleTabName(i, names.at(i));
        m_grids.at(i)->setAccessibleName(names.at(i));
    }
    setAccessibleName(tr("Emoji"));
}

void EmojiPicker::popup(QWidget *anchor)
{
    adjustSize();
    const QRect available = anchor->screen()->availableGeometry();
    const QPoint anchorTop = anchor->mapToGlobal(QPoint(0, 0));
    QPoint pos(anchorTop.x(), anchorTop.y() - height());
    if (pos.y() < available.top())
        pos.setY(anchorTop.y() + anchor->height());
    pos.setX(qBound(available.left(), pos.x(), available.right() - width()));
    move(pos);
    show();
    m_tabs->currentWidget()->setFocus(Qt::PopupFocusReason);
}

void EmojiPicker::choose(const QString &emoji)
{
    if (!isVisible() || emoji.isEmpty())
        return;
    hide();
    // Back to the chat window, which some platforms leave inactive behind a closed popup.
    if (parentWidget())
        parentWidget()->activateWindow();
    Q_EMIT emojiChosen(emoji);
}

void EmojiPicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

} // namespace flint::ui
