// Linux only: relays an activated XEP-0065 stream between its two sockets with splice(2), through
// one pipe per direction, so the relayed bytes never enter user space. The pipe is the only
// buffer: while a side cannot take more, the pump stops reading from the other one.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <array>
#include <functional>
#include <memory>

class QSocketNotifier;
class QTcpSocket;

namespace flint {

class SplicePump : public QObject {
    Q_OBJECT
public:
    // How many bytes may be read now; at 0 reading pauses for `throttleMs` and asks again.
    using Allowance = std::function<qint64()>;

    // Takes both connected sockets' descriptors out of Qt, with whatever Qt has read from them
    // but not handed out; the sockets are closed and deleted later. Qt must not hold bytes
    // still to be written. nullptr (and the sockets untouched) when the system refuses a
    // descriptor or a pipe.
    static std::unique_ptr<SplicePump> take(QTcpSocket *first, QTcpSocket *second,
                                            Allowance allowance, int throttleMs);
    ~SplicePump() override;

    // Relays, first what either side sent before (what Qt had read, then the kernel's rest).
    void start();

Q_SIGNALS:
    // Bytes moved in or out; `bytesRead` of them were read from a side.
    void progressed(qint64 bytesRead);
    // Both sides have closed (each one's end passed on to the other), or one failed.
    void finished();

private:
    struct Direction {
        int from = -1; // socket descriptors, owned by the pump
        int to = -1;
        std::array<int, 2> pipe = {-1, -1};
        qint64 pipeSize = 0;
        qint64 inPipe = 0;
        QByteArray pending;  // what Qt had read; it goes out before the pipe's bytes
        bool ended = false;  // the source sent its end
        bool closed = false; // ... and it was passed on
        std::unique_ptr<QSocketNotifier> readable;
        std::unique_ptr<QSocketNotifier> writable;
    };

    SplicePump(Allowance allowance, int throttleMs);
    bool open(int first, int second);
    void run(Direction &direction);
    bool flush(Direction &direction);
    void fail(const char *operation);
    void finish();

    Allowance m_allowance;
    QTimer m_throttle;
    std::array<int, 2> m_sockets = {-1, -1};
    std::array<Direction, 2> m_directions;
    bool m_finished = false;
};

} // namespace flint
