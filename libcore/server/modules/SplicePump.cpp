#include "SplicePump.h"

#include "common/Logging.h"

#include <QSocketNotifier>
#include <QTcpSocket>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace flint {
namespace {

// Per direction: what may wait in the pipe between the two sockets. 1 MiB saves a little more
// CPU, but at 256 KiB the default 100 streams' pipes stay within what Linux grants an
// unprivileged user (fs.pipe-user-pages-soft, 64 MiB) and the relay within 256 KiB per direction.
constexpr int PipeSize = 256 * 1024;
// Bytes one call of run() may move before it lets the event loop serve the rest of the server.
constexpr qint64 TurnBudget = 4 * PipeSize;

void closeDescriptor(int &descriptor)
{
    if (descriptor >= 0)
        ::close(descriptor);
    descriptor = -1;
}

} // namespace

std::unique_ptr<SplicePump> SplicePump::take(QTcpSocket *first, QTcpSocket *second,
                                             Allowance allowance, int throttleMs)
{
    std::unique_ptr<SplicePump> pump(new SplicePump(std::move(allowance), throttleMs));
    if (!pump->open(int(first->socketDescriptor()), int(second->socketDescriptor())))
        return nullptr;
    pump->m_directions[0].pending = first->readAll();
    pump->m_directions[1].pending = second->readAll();
    // The pump owns duplicates of the descriptors; Qt closes its own and never reads again.
    for (QTcpSocket *socket : {first, second}) {
        QObject::disconnect(socket, nullptr, nullptr, nullptr);
        socket->abort();
        socket->deleteLater();
    }
    return pump;
}

SplicePump::SplicePump(Allowance allowance, int throttleMs) : m_allowance(std::move(allowance))
{
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(throttleMs);
    connect(&m_throttle, &QTimer::timeout, this, [this] {
        for (Direction &direction : m_directions)
            run(direction);
    });
}

SplicePump::~SplicePump()
{
    for (Direction &direction : m_directions) {
        direction.readable.reset();
        direction.writable.reset();
        closeDescriptor(direction.pipe[0]);
        closeDescriptor(direction.pipe[1]);
    }
    closeDescriptor(m_sockets[0]);
    closeDescriptor(m_sockets[1]);
}

bool SplicePump::open(int first, int second)
{
    for (int i : {0, 1}) {
        m_sockets[i] = ::fcntl(i == 0 ? first : second, F_DUPFD_CLOEXEC, 0);
        if (m_sockets[i] < 0 || ::fcntl(m_sockets[i], F_SETFL, O_NONBLOCK) < 0) {
            const int error = errno;
            qCWarning(lcProxy65) << "cannot take a socket for relaying:" << std::strerror(error);
            return false;
        }
    }
    for (int i : {0, 1}) {
        Direction &direction = m_directions[i];
        direction.from = m_sockets[i];
        direction.to = m_sockets[1 - i];
        if (::pipe2(direction.pipe.data(), O_NONBLOCK | O_CLOEXEC) < 0) {
            const int error = errno;
            qCWarning(lcProxy65) << "cannot open a pipe for relaying:" << std::strerror(error);
            return false;
        }
        // A larger pipe moves more per splice() call; the system may keep its default size.
        ::fcntl(direction.pipe[1], F_SETPIPE_SZ, PipeSize);
        direction.pipeSize = ::fcntl(direction.pipe[1], F_GETPIPE_SZ);
        direction.readable =
            std::make_unique<QSocketNotifier>(direction.from, QSocketNotifier::Read);
        direction.writable =
            std::make_unique<QSocketNotifier>(direction.to, QSocketNotifier::Write);
        direction.readable->setEnabled(false);
        direction.writable->setEnabled(false);
        connect(direction.readable.get(), &QSocketNotifier::activated, this,
                [this, i] { run(m_directions[i]); });
        connect(direction.writable.get(), &QSocketNotifier::activated, this,
                [this, i] { run(m_directions[i]); });
    }
    return true;
}

void SplicePump::start()
{
    for (Direction &direction : m_directions)
        run(direction);
}

void SplicePump::run(Direction &direction)
{
    if (m_finished)
        return;
    qint64 moved = 0;
    while (!direction.closed) {
        const qint64 waiting = direction.pending.size() + direction.inPipe;
        if (!flush(direction))
            return fail("write");
        const qint64 written = waiting - direction.pending.size() - direction.inPipe;
        if (written > 0) {
            moved += written;
            emit progressed(0);
        }
        const bool blocked = !direction.pending.isEmpty() || direction.inPipe > 0;
        if (direction.ended) {
            if (blocked)
                break;
            // Half-close: the other side may still answer until it ends too.
            ::shutdown(direction.to, SHUT_WR);
            direction.closed = true;
            if (m_directions[0].closed && m_directions[1].closed)
                return finish();
            break;
        }
        // The budget only stops reading: an end already seen must still be passed on above, or
        // nothing would wake this direction again.
        if (m_throttle.isActive() || direction.inPipe >= direction.pipeSize || moved >= TurnBudget)
            break;
        const qint64 allowed = m_allowance();
        if (allowed <= 0) {
            m_throttle.start();
            break;
        }
        const ssize_t read = ::splice(direction.from, nullptr, direction.pipe[1], nullptr,
                                      size_t(qMin(direction.pipeSize - direction.inPipe, allowed)),
                                      SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        if (read > 0) {
            direction.inPipe += read;
            moved += read;
            emit progressed(read);
        } else if (read == 0) {
            direction.ended = true;
        } else if (errno == EAGAIN) {
            // Nothing to read, or the pipe is full (it counts pages, not bytes) and waits for
            // the destination: either way a notifier below says when to go on.
            break;
        } else if (errno != EINTR) {
            return fail("read");
        }
    }
    // The destination is full: wait until it takes more, and read nothing meanwhile.
    const bool blocked = !direction.pending.isEmpty() || direction.inPipe > 0;
    direction.writable->setEnabled(blocked);
    direction.readable->setEnabled(!direction.ended && !blocked && !m_throttle.isActive());
}

bool SplicePump::flush(Direction &direction)
{
    while (!direction.pending.isEmpty()) {
        const ssize_t written = ::send(direction.to, direction.pending.constData(),
                                       size_t(direction.pending.size()), MSG_NOSIGNAL);
        if (written < 0)
            return errno == EAGAIN || errno == EINTR;
        direction.pending.remove(0, written);
    }
    // splice() cannot pass MSG_NOSIGNAL: a reset peer raises SIGPIPE, which flint-server ignores.
    while (direction.inPipe > 0) {
        const ssize_t written =
            ::splice(direction.pipe[0], nullptr, direction.to, nullptr, size_t(direction.inPipe),
                     SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        if (written < 0)
            return errno == EAGAIN || errno == EINTR;
        direction.inPipe -= written;
    }
    return true;
}

void SplicePump::fail(const char *operation)
{
    const int error = errno;
    qCInfo(lcProxy65) << "relaying stopped: cannot" << operation << std::strerror(error);
    finish();
}

void SplicePump::finish()
{
    m_finished = true;
    m_throttle.stop();
    for (Direction &direction : m_directions) {
        direction.readable->setEnabled(false);
        direction.writable->setEnabled(false);
    }
    emit finished();
}

} // namespace flint
