// How the transfer screens word and picture a file transfer: sizes, speeds, time left, the
// method and state of a transfer, a file-type picture, and opening a received file or its folder.
// Shared by the receive prompt, the transfers window and the file cards in the transcript.
#pragma once

#include "client/TransferService.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QString>

namespace flint::ui {

class TransferText {
    Q_DECLARE_TR_FUNCTIONS(flint::ui::TransferText)
public:
    // "1.4 MB"; "unknown size" for -1.
    static QString size(qint64 bytes);
    // "3.2 MB of 10 MB".
    static QString progress(qint64 done, qint64 total);
    static QString speed(double bytesPerSecond);
    // "5 s left", "3 min left", "1 h 20 min left"; empty when unknown.
    static QString timeLeft(qint64 seconds);
    // "direct", "via the server's proxy", "in-band", "upload"/"download"; empty while undecided.
    static QString method(Transfer::Method method, Transfer::Direction direction);
    // What the transfer is doing now; the error's description when it failed.
    static QString state(const Transfer &transfer);
};

// A picture of a file of that name's type: a page with its extension on a band coloured by
// kind (image, audio, video, document, archive), the same on every platform.
QPixmap fileTypePixmap(const QString &fileName, int size, qreal devicePixelRatio);

// Opens the file with the desktop's application for it, or the folder holding it.
void openFile(const QString &path);
void showInFolder(const QString &path);

} // namespace flint::ui
