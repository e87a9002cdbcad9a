// The translations are complete and current: every string in the app's and the client core's
// sources is in both .ts files (lupdate run over the sources finds nothing new), and every
// Simplified Chinese entry is translated and finished.
#include <catch2/catch.hpp>

#include <QDomDocument>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

struct Entry {
    QString context;
    QString source;
    bool plural = false;
    QStringList translations; // one per plural form, or one
    QString type;             // "", "unfinished", "vanished", "obsolete"
};

QList<Entry> readTs(const QString &path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    QDomDocument document;
    REQUIRE(document.setContent(&file));
    QList<Entry> entries;
    const QDomNodeList contexts = document.elementsByTagName(u"context"_s);
    for (int c = 0; c < contexts.size(); ++c) {
        const QDomElement context = contexts.at(c).toElement();
        const QString name = context.firstChildElement(u"name"_s).text();
        for (QDomElement message = context.firstChildElement(u"message"_s); !message.isNull();
             message = message.nextSiblingElement(u"message"_s)) {
            Entry entry{name, message.firstChildElement(u"source"_s).text()};
            entry.plural = message.attribute(u"numerus"_s) == u"yes"_s;
            const QDomElement translation = message.firstChildElement(u"translation"_s);
            entry.type = translation.attribute(u"type"_s);
            if (entry.plural) {
                for (QDomElement form = translation.firstChildElement(u"numerusform"_s);
                     !form.isNull(); form = form.nextSiblingElement(u"numerusform"_s))
                    entry.translations << form.text();
            } else {
                entry.translations << translation.text();
            }
            entries << entry;
        }
    }
    return entries;
}

QSet<QString> keys(const QList<Entry> &entries)
{
    QSet<QString> result;
    for (const Entry &entry : entries)
        if (entry.type != u"vanished"_s && entry.type != u"obsolete"_s)
            result.insert(entry.context + u'\x1f' + entry.source);
    return result;
}

const QString Source = QStringLiteral(FLINT_SOURCE_DIR);

} // namespace

TEST_CASE("Every Simplified Chinese string is translated and finished", "[translations]")
{
    const QList<Entry> entries = readTs(Source + u"/translations/flint_zh_CN.ts"_s);
    REQUIRE(entries.size() > 100);
    for (const Entry &entry : entries) {
        INFO(entry.context.toStdString() << ": " << entry.source.toStdString());
        CHECK(entry.type.isEmpty());
        for (const QString &translation : entry.translations)
            CHECK_FALSE(translation.trimmed().isEmpty());
        // Placeholders survive translation.
        for (int n = 1; n <= 9; ++n) {
            const QString marker = u"%"_s + QString::number(n);
            if (entry.source.contains(marker))
                for (const QString &translation : entry.translations)
                    CHECK(translation.contains(marker));
        }
    }
}

TEST_CASE("The translation files hold every string of the current sources", "[translations]")
{
    QTemporaryDir dir;
    const QString fresh = dir.filePath(u"fresh.ts"_s);
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(FLINT_LUPDATE),
                  {u"-silent"_s, u"-locations"_s, u"none"_s, Source + u"/ui"_s,
                   Source + u"/libcore/client"_s, u"-ts"_s, fresh});
    REQUIRE(lupdate.waitForFinished(120000));
    INFO(QString::fromLocal8Bit(lupdate.readAll()).toStdString());
    REQUIRE(lupdate.exitCode() == 0);
    const QSet<QString> current = keys(readTs(fresh));
    REQUIRE(current.size() > 100);
    for (const QString &file : {u"flint_en.ts"_s, u"flint_zh_CN.ts"_s}) {
        const QSet<QString> committed = keys(readTs(Source + u"/translations/"_s + file));
        for (const QString &missing : current - committed) {
            INFO(file.toStdString()
                 << " lacks " << missing.toStdString() << " (run the update_translations target)");
            CHECK(false);
        }
    }
}
