// Paints a conversation's messages as chat bubbles: day separators, the sender's name at the
// start of a run, the time and delivery mark inside the bubble, offline messages marked, links
// and search matches highlighted. Sizes follow the font; text layouts are cached per message.
#pragma once

#include <QCache>
#include <QColor>
#include <QFont>
#include <QHash>
#include <QList>
#include <QPixmap>
#include <QStyledItemDelegate>
#include <QTextLayout>

namespace flint::ui {

class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    struct Link {
        int start = 0;
        int length = 0;
        QString url;
    };

    explicit MessageDelegate(QObject *parent = nullptr);
    ~MessageDelegate() override;

    void setNames(const QString &ownName, const QString &peerName);
    void setSearchText(const QString &text);
    // Why a message could not be sent, for its error mark's tooltip.
    void setFailureText(const QString &stanzaId, const QString &text);
    // The background flash of a message brought into view; 0 ends it.
    void setFlash(qint64 messageId, qreal strength);
    // Forgets every layout, after a font, palette or language change.
    void clearCache();

    // The link under `pos` (viewport coordinates) in the message painted at `option.rect`.
    QString linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                   const QPoint &pos) const;
    // http(s), xmpp and mailto URIs in a text, without trailing punctuation.
    static QList<Link> findLinks(const QString &text);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    struct Measure {
        int wrapWidth = -1;
        int generation = -1;
        QSizeF size; // of the laid-out lines
        qreal lastLineWidth = 0;
    };
    struct Text {
        int wrapWidth = -1;
        int generation = -1;
        QTextLayout layout;
        QList<Link> links;
    };
    struct Geometry;

    // What the bubble's text takes at `wrapWidth`; kept for every message, it is small.
    const Measure &measure(const QModelIndex &index, const QFont &font, int wrapWidth) const;
    // The laid-out text for painting and hit tests; only the recently painted ones are kept.
    const Text &text(const QModelIndex &index, const QFont &font, int wrapWidth,
                     const QPalette &palette) const;
    Geometry geometry(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    QString deliveryText(const QModelIndex &index) const;
    QPixmap tintedIcon(const QString &name, const QColor &colour, int size, qreal dpr) const;

    int m_generation = 0; // bumped by clearCache(): older layouts are stale
    QString m_ownName;
    QString m_peerName;
    QString m_searchText;
    QHash<QString, QString> m_failures;
    qint64 m_flashId = 0;
    qreal m_flashStrength = 0;
    mutable QHash<qint64, Measure> m_measures;
    mutable QCache<qint64, Text> m_texts;
    mutable QCache<QString, QPixmap> m_icons;
};

} // namespace flint::ui
