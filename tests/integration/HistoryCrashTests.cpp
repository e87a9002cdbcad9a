// Crash safety of the local history: a writer process is SIGKILLed mid-write, then the file is
// reopened and checked. The writer is a hidden test case of this same binary.
#include "client/HistoryStore.h"
#include "common/Database.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

constexpr const char *kDatabaseVariable = "FLINT_HISTORY_CRASH_DB";
constexpr const char *kRoundVariable = "FLINT_HISTORY_CRASH_ROUND";
constexpr const char *kWriterTestName = "history: crash writer";
constexpr int kBatchSize = 5;

// Every tenth unit of work is a batch import, the others single messages.
int unitSize(int unit)
{
    return unit % 10 == 9 ? kBatchSize : 1;
}

QString marker(int round, int unit, int item)
{
    return u"mark%1x%2x%3"_s.arg(round).arg(unit).arg(item);
}

HistoryMessage crashMessage(int round, int unit, int item)
{
    HistoryMessage message;
    message.peer = u"peer%1@office.test"_s.arg(unit % 3);
    message.stanzaId = marker(round, unit, item);
    message.direction = unit % 2 ? MessageDirection::Outgoing : MessageDirection::Incoming;
    message.sender = message.peer + u"/desk"_s;
    // Long enough bodies that the WAL fills and checkpoints run while the writer may be killed.
    message.body =
        u"round %1 unit %2 %3 你好世界 "_s.arg(round).arg(unit).arg(marker(round, unit, item)) +
        QString(u"padding text for the write-ahead log "_s).repeated(4);
    message.timestamp = QDateTime::currentDateTimeUtc();
    return message;
}

struct WriterReport {
    int units = 0;
    int messages = 0;
};

WriterReport lastReport(const QByteArray &output)
{
    WriterReport report;
    for (const QByteArray &line : output.split('\n')) {
        if (!line.startsWith("committed "))
            continue;
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() == 3)
            report = {fields[1].toInt(), fields[2].toInt()};
    }
    return report;
}

qint64 countMessages(const QString &path, const QString &stanzaIdPrefix)
{
    Database database;
    QString error;
    if (!database.open({.sqlitePath = path}, &error))
        return -1;
    QSqlQuery query = database.prepare(u"SELECT COUNT(*) FROM messages WHERE stanza_id LIKE ?"_s);
    query.addBindValue(stanzaIdPrefix + u'%');
    return Database::exec(query) && query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

// Writes until killed (bounded to 60 s in case the parent died), printing after each commit.
TEST_CASE(kWriterTestName, "[.crash-writer]")
{
    const QString path = qEnvironmentVariable(kDatabaseVariable);
    const int round = qEnvironmentVariableIntValue(kRoundVariable);
    REQUIRE(!path.isEmpty());
    HistoryStore store;
    REQUIRE(store.open(path) == HistoryStore::Error::None);
    int messages = 0;
    QElapsedTimer timer;
    timer.start();
    for (int unit = 0; timer.elapsed() < 60'000; ++unit) {
        QList<HistoryMessage> batch;
        for (int item = 0; item < unitSize(unit); ++item)
            batch << crashMessage(round, unit, item);
        const bool stored = batch.size() == 1 ? store.addMessage(batch.first()).has_value()
                                              : store.addMessages(batch).has_value();
        REQUIRE(stored);
        messages += batch.size();
        std::printf("committed %d %d\n", unit + 1, messages);
        std::fflush(stdout);
    }
}

TEST_CASE("history survives the app being killed while writing", "[history][crash]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"me@office.test/history.db"_s);
    qint64 total = 0;
    for (int round = 1; round <= 4; ++round) {
        QProcess writer;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(kDatabaseVariable), path);
        environment.insert(QString::fromLatin1(kRoundVariable), QString::number(round));
        writer.setProcessEnvironment(environment);
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        QByteArray output;
        QObject::connect(&writer, &QProcess::readyReadStandardOutput,
                         [&] { output += writer.readAllStandardOutput(); });
        writer.start(QCoreApplication::applicationFilePath(),
                     {QString::fromLatin1(kWriterTestName)});
        REQUIRE(writer.waitForStarted(10000));
        REQUIRE(waitFor([&] { return output.contains("committed "); }, 30000));
        const int delayMs = QRandomGenerator::global()->bounded(20, 800);
        INFO("round " << round << ": SIGKILL " << delayMs << " ms after the first commit");
        waitFor([] { return false; }, delayMs);
        writer.kill();
        REQUIRE(writer.waitForFinished(10000));
        CHECK(writer.exitStatus() == QProcess::CrashExit);
        output += writer.readAllStandardOutput();
        const WriterReport report = lastReport(output);
        INFO("writer reported " << report.units << " units, " << report.messages << " messages");
        REQUIRE(report.units > 0);

        // The kill may land between a commit and its report: then exactly one more unit is
        // stored, complete (a batch is all or nothing).
        const qint64 stored = countMessages(path, u"mark%1x"_s.arg(round));
        INFO("stored " << stored);
        CHECK((stored == report.messages || stored == report.messages + unitSize(report.units)));
        total += stored;

        HistoryStore store;
        REQUIRE(store.open(path) == HistoryStore::Error::None);
        CHECK(store.integrityCheck());
        const int lastUnit = report.units - 1;
        const QString lastMarker = marker(round, lastUnit, unitSize(lastUnit) - 1);
        const auto hits = store.search(lastMarker, 10);
        REQUIRE(hits.size() == 1);
        CHECK(hits.first().peer == u"peer%1@office.test"_s.arg(lastUnit % 3));
        CHECK(hits.first().snippet.contains(lastMarker));
        CHECK(store.search(u"世界 "_s + lastMarker, 10).size() == 1);
        qint64 conversationTotal = 0;
        for (const auto &conversation : store.conversations())
            conversationTotal += store.messages(conversation.peer, std::nullopt, 1'000'000).size();
        CHECK(conversationTotal == total);
    }
}
