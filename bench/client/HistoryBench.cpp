#include "HistoryBench.h"

#include "client/HistoryStore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>

using namespace Qt::StringLiterals;

namespace flint::bench {

namespace {

constexpr int kConversations = 200;
constexpr int kBatchSize = 5000;
constexpr int kPageSize = 50;
constexpr int kSingleInserts = 2000;
constexpr int kPageRepeats = 200;

// Word lists with a Zipf-like pick below, so queries hit both frequent and rare words.
const QStringList kEnglish = {
    u"the"_s,        u"meeting"_s,   u"please"_s,    u"report"_s,     u"today"_s,
    u"tomorrow"_s,   u"project"_s,   u"server"_s,    u"coffee"_s,     u"lunch"_s,
    u"deadline"_s,   u"budget"_s,    u"customer"_s,  u"invoice"_s,    u"release"_s,
    u"review"_s,     u"document"_s,  u"printer"_s,   u"holiday"_s,    u"schedule"_s,
    u"update"_s,     u"question"_s,  u"answer"_s,    u"office"_s,     u"network"_s,
    u"password"_s,   u"laptop"_s,    u"monitor"_s,   u"conference"_s, u"presentation"_s,
    u"quarterly"_s,  u"results"_s,   u"contract"_s,  u"supplier"_s,   u"warehouse"_s,
    u"shipment"_s,   u"delivery"_s,  u"training"_s,  u"onboarding"_s, u"interview"_s,
    u"candidate"_s,  u"feedback"_s,  u"roadmap"_s,   u"milestone"_s,  u"backlog"_s,
    u"sprint"_s,     u"estimate"_s,  u"approval"_s,  u"signature"_s,  u"calendar"_s,
    u"whiteboard"_s, u"projector"_s, u"parking"_s,   u"elevator"_s,   u"security"_s,
    u"firewall"_s,   u"database"_s,  u"migration"_s, u"benchmark"_s,  u"latency"_s,
    u"throughput"_s, u"kangaroo"_s,  u"xylophone"_s, u"zeppelin"_s,   u"quokka"_s,
};
const QStringList kChinese = {
    u"你好"_s,   u"会议"_s,   u"明天"_s,   u"今天"_s,   u"项目"_s,   u"报告"_s, u"客户"_s,
    u"服务器"_s, u"午饭"_s,   u"咖啡"_s,   u"预算"_s,   u"合同"_s,   u"发票"_s, u"审核"_s,
    u"文档"_s,   u"打印机"_s, u"假期"_s,   u"安排"_s,   u"问题"_s,   u"回答"_s, u"办公室"_s,
    u"网络"_s,   u"密码"_s,   u"笔记本"_s, u"显示器"_s, u"季度"_s,   u"结果"_s, u"供应商"_s,
    u"仓库"_s,   u"培训"_s,   u"面试"_s,   u"反馈"_s,   u"里程碑"_s, u"世界"_s, u"数据库"_s,
    u"防火墙"_s, u"长颈鹿"_s, u"火烈鸟"_s,
};

const QStringList kAbsentChinese = {u"鲸鱼"_s, u"火箭"_s, u"沙漠"_s, u"冰川"_s, u"彩虹"_s};

class Corpus {
public:
    explicit Corpus(unsigned seed) : m_random(seed) {}

    const QString &word(const QStringList &words)
    {
        // Zipf-like: index = floor(n^u) - 1 with u uniform in [0, 1).
        const double u = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
        const auto index = qsizetype(std::pow(double(words.size()), u)) - 1;
        return words.at(std::clamp<qsizetype>(index, 0, words.size() - 1));
    }
    int between(int low, int high) { return std::uniform_int_distribution(low, high)(m_random); }

    QString sentence()
    {
        const int length = between(3, 14);
        QStringList parts;
        if (between(0, 3) == 0) {
            for (int i = 0; i < length; ++i)
                parts << word(kChinese);
            return parts.join(QString()) + u"。"_s;
        }
        for (int i = 0; i < length; ++i)
            parts << word(kEnglish);
        parts.first()[0] = parts.first()[0].toUpper();
        return parts.join(u' ') + (between(0, 4) == 0 ? u"?"_s : u"."_s);
    }

private:
    std::mt19937 m_random;
};

struct Latencies {
    QList<double> milliseconds;
    double percentile(double p) const
    {
        if (milliseconds.isEmpty())
            return 0;
        QList<double> sorted = milliseconds;
        std::sort(sorted.begin(), sorted.end());
        const auto index = qsizetype(std::ceil(p / 100.0 * double(sorted.size()))) - 1;
        return sorted.at(std::clamp<qsizetype>(index, 0, sorted.size() - 1));
    }
};

template <typename Function> double timeMs(Function &&function)
{
    QElapsedTimer timer;
    timer.start();
    function();
    return double(timer.nsecsElapsed()) / 1e6;
}

QString peerName(int index)
{
    return u"colleague%1@office.example"_s.arg(index);
}

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

void progress(const QString &line)
{
    std::fprintf(stderr, "%s\n", qPrintable(line));
}

} // namespace

int runHistoryBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption messagesOption(u"messages"_s, u"Messages to store."_s, u"N"_s,
                                            u"1000000"_s);
    const QCommandLineOption queriesOption(u"queries"_s, u"Search queries."_s, u"N"_s, u"200"_s);
    const QCommandLineOption dirOption(u"dir"_s, u"Keep the database in this directory."_s,
                                       u"DIRECTORY"_s);
    parser.addOptions({messagesOption, queriesOption, dirOption});
    parser.process(QStringList{u"flint-client-bench history"_s} + arguments);
    const int total = parser.value(messagesOption).toInt();
    const int queryCount = parser.value(queriesOption).toInt();

    QTemporaryDir temporary;
    const QString directory = parser.isSet(dirOption) ? parser.value(dirOption) : temporary.path();
    const QString path = QDir(directory).filePath(u"history.db"_s);
    QFile::remove(path);
    HistoryStore store;
    if (const auto error = store.open(path); error != HistoryStore::Error::None) {
        progress(HistoryStore::errorText(error));
        return 1;
    }

    // Half the traffic goes to one busy conversation so its deep pages are really deep.
    Corpus corpus(20261124);
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    QList<qint64> busyIds;
    QElapsedTimer loadTimer;
    loadTimer.start();
    for (int done = 0; done < total;) {
        QList<HistoryMessage> batch;
        const int count = std::min(kBatchSize, total - done);
        for (int i = 0; i < count; ++i, ++done) {
            HistoryMessage message;
            const int conversation =
                corpus.between(0, 1) ? 0 : corpus.between(1, kConversations - 1);
            message.peer = peerName(conversation);
            message.direction =
                corpus.between(0, 1) ? MessageDirection::Incoming : MessageDirection::Outgoing;
            message.sender = message.peer + u"/desktop"_s;
            message.stanzaId = u"bench-%1"_s.arg(done);
            message.body = corpus.sentence();
            message.timestamp = start.addSecs(done * 7);
            batch << message;
        }
        const auto ids = store.addMessages(batch);
        if (!ids) {
            progress(u"batch insert failed"_s);
            return 1;
        }
        for (qsizetype i = 0; i < batch.size(); ++i)
            if (batch[i].peer == peerName(0))
                busyIds << ids->at(i);
        if (done % 100000 == 0)
            progress(u"stored %1 messages, %2 s"_s.arg(done).arg(loadTimer.elapsed() / 1000.0));
    }
    const double loadSeconds = double(loadTimer.nsecsElapsed()) / 1e9;

    Latencies singleInsert;
    for (int i = 0; i < kSingleInserts; ++i) {
        HistoryMessage message;
        message.peer = peerName(i % kConversations);
        message.sender = message.peer + u"/desktop"_s;
        message.stanzaId = u"single-%1"_s.arg(i);
        message.body = corpus.sentence();
        message.timestamp = start.addSecs((total + i) * 7);
        singleInsert.milliseconds << timeMs([&] { store.addMessage(message); });
    }
    double singleSeconds = 0;
    for (double ms : std::as_const(singleInsert.milliseconds))
        singleSeconds += ms / 1000.0;

    // Query classes (sorted by their number prefix): two-character CJK terms cannot use the
    // trigram index and scan the bodies newest first until the page is full; a miss scans all.
    std::map<QString, Latencies> searchByClass;
    Latencies searchAll;
    qint64 hitsTotal = 0;
    for (int i = 0; i < queryCount; ++i) {
        QString query;
        QString kind;
        switch (i % 6) {
        case 0:
            query = corpus.word(kEnglish);
            kind = u"1 English word"_s;
            break;
        case 1:
            query = corpus.word(kEnglish) + u' ' + corpus.word(kEnglish);
            kind = u"2 two English words"_s;
            break;
        case 2:
            do
                query = corpus.word(kChinese);
            while (query.size() < 3);
            kind = u"3 Chinese, 3 characters"_s;
            break;
        case 3:
            do
                query = corpus.word(kChinese);
            while (query.size() != 2);
            kind = u"4 Chinese, 2 characters (body scan)"_s;
            break;
        case 4:
            query = u"absent%1"_s.arg(i);
            kind = u"5 English word, no match"_s;
            break;
        default:
            query = kAbsentChinese.at(i % kAbsentChinese.size());
            kind = u"6 Chinese, 2 characters, no match (full body scan)"_s;
            break;
        }
        QList<SearchHit> hits;
        const double ms = timeMs([&] { hits = store.search(query, kPageSize); });
        hitsTotal += hits.size();
        searchByClass[kind].milliseconds << ms;
        searchAll.milliseconds << ms;
    }

    const QString busy = peerName(0);
    Latencies newestPage;
    Latencies deepPage;
    for (int i = 0; i < kPageRepeats; ++i) {
        newestPage.milliseconds << timeMs([&] { store.messages(busy, std::nullopt, kPageSize); });
        // Somewhere in the oldest tenth of the busiest conversation.
        const qint64 before = busyIds.at(corpus.between(kPageSize, int(busyIds.size() / 10)));
        deepPage.milliseconds << timeMs([&] { store.messages(busy, before, kPageSize); });
    }

    const auto row = [](const QString &name, const Latencies &latencies) {
        return u"| %1 | %2 | %3 | %4 |"_s.arg(name)
            .arg(latencies.percentile(50), 0, 'f', 2)
            .arg(latencies.percentile(99), 0, 'f', 2)
            .arg(latencies.milliseconds.size());
    };
    const qint64 fileBytes = QFileInfo(path).size() + QFileInfo(path + u"-wal"_s).size();
    print(u"History store: %1 messages in %2 conversations (busiest: %3), %4 MiB on disk, "
          "SQLite search: %5"_s.arg(total + kSingleInserts)
              .arg(kConversations)
              .arg(busyIds.size())
              .arg(double(fileBytes) / (1024.0 * 1024.0), 0, 'f', 0)
              .arg(store.hasSubstringSearch() ? u"trigram"_s : u"unicode61"_s));
    print({});
    print(u"| Insert | Messages | Seconds | Messages/s |"_s);
    print(u"|---|---:|---:|---:|"_s);
    print(u"| Batched (%1 per transaction) | %2 | %3 | %4 |"_s.arg(kBatchSize)
              .arg(total)
              .arg(loadSeconds, 0, 'f', 1)
              .arg(total / loadSeconds, 0, 'f', 0));
    print(u"| One transaction per message (median %1 ms, p99 %2 ms) | %3 | %4 | %5 |"_s
              .arg(singleInsert.percentile(50), 0, 'f', 2)
              .arg(singleInsert.percentile(99), 0, 'f', 2)
              .arg(kSingleInserts)
              .arg(singleSeconds, 0, 'f', 2)
              .arg(kSingleInserts / singleSeconds, 0, 'f', 0));
    print({});
    print(u"| Query (limit %1) | Median ms | p99 ms | Runs |"_s.arg(kPageSize));
    print(u"|---|---:|---:|---:|"_s);
    print(row(u"Search, all queries (%1 hits on average)"_s.arg(
                  double(hitsTotal) / std::max(1, queryCount), 0, 'f', 1),
              searchAll));
    for (const auto &[kind, latencies] : searchByClass)
        print(row(u"Search, "_s + kind.mid(2), latencies));
    print(row(u"Page, newest"_s, newestPage));
    print(row(u"Page, deep (oldest tenth of the busiest conversation)"_s, deepPage));
    return 0;
}

} // namespace flint::bench
