// The profile screens against a real flint-server: cropping a picture, publishing the own card
// with its avatar, and another account's contact card showing it.
#include "UiTestSupport.h"
#include "client/ProfileManager.h"
#include "profile/AvatarCropDialog.h"
#include "profile/ContactCardDialog.h"
#include "profile/ProfileDialog.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <QWheelEvent>

using namespace flint;
using namespace flint::test;
using namespace flint::ui;
using namespace Qt::StringLiterals;

namespace {

// Four 100 px wide stripes, so which part a crop took shows in its colour.
const QColor Stripes[] = {Qt::red, Qt::green, Qt::blue, Qt::yellow};

QImage stripedImage()
{
    QImage image(400, 200, QImage::Format_RGB32);
    QPainter painter(&image);
    for (int stripe = 0; stripe < 4; ++stripe)
        painter.fillRect(stripe * 100, 0, 100, 200, Stripes[stripe]);
    return image;
}

bool isUniform(const QImage &image, const QColor &colour)
{
    for (const QPoint &point :
         {QPoint(0, 0), QPoint(image.width() - 1, 0), QPoint(0, image.height() - 1),
          QPoint(image.width() - 1, image.height() - 1),
          QPoint(image.width() / 2, image.height() / 2)}) {
        if (image.pixelColor(point) != colour)
            return false;
    }
    return true;
}

void sendMouse(QWidget *widget, QEvent::Type type, const QPoint &position)
{
    const Qt::MouseButtons buttons =
        type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent event(type, position, widget->mapToGlobal(position), Qt::LeftButton, buttons,
                      Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

} // namespace

TEST_CASE("The crop dialog returns the square the user framed", "[ui][profile]")
{
    AvatarCropDialog dialog(stripedImage());
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    saveGrab(dialog, u"avatar-crop"_s);
    auto *canvas = dialog.findChild<QWidget *>(u"cropCanvas"_s);
    auto *zoom = dialog.findChild<QSlider *>(u"zoomSlider"_s);
    REQUIRE(canvas);
    REQUIRE(zoom);

    // At first the largest square in the middle: the green and blue stripes.
    CHECK(dialog.cropRect() == QRect(100, 0, 200, 200));
    QImage cropped = dialog.croppedImage();
    CHECK(cropped.size() == QSize(200, 200));
    CHECK(cropped.pixelColor(50, 100) == QColor(Qt::green));
    CHECK(cropped.pixelColor(150, 100) == QColor(Qt::blue));

    // Zooming to 200 % halves the frame around its centre.
    zoom->setValue(200);
    CHECK(dialog.cropRect() == QRect(150, 50, 100, 100));

    // Arrow keys move the frame, stopping at the picture's edge: the red stripe.
    canvas->setFocus();
    for (int i = 0; i < 60; ++i)
        QTest::keyClick(canvas, Qt::Key_Left);
    CHECK(dialog.cropRect().topLeft() == QPoint(0, 50));
    cropped = dialog.croppedImage();
    CHECK(cropped.size() == QSize(100, 100));
    CHECK(isUniform(cropped, Qt::red));
    QTest::keyClick(canvas, Qt::Key_Right, Qt::ShiftModifier);
    CHECK(dialog.cropRect().topLeft() == QPoint(1, 50));

    // Dragging the frame far to the right ends on the yellow stripe.
    const QPoint grab = canvas->rect().center();
    sendMouse(canvas, QEvent::MouseButtonPress, grab);
    sendMouse(canvas, QEvent::MouseMove, grab + QPoint(canvas->width(), 0));
    sendMouse(canvas, QEvent::MouseButtonRelease, grab + QPoint(canvas->width(), 0));
    CHECK(dialog.cropRect().left() == 300);
    CHECK(dialog.cropRect().width() == 100);
    CHECK(isUniform(dialog.croppedImage(), Qt::yellow));
    saveGrab(dialog, u"avatar-crop-zoomed"_s);

    // The wheel zooms too.
    QWheelEvent wheel(QPointF(canvas->rect().center()),
                      canvas->mapToGlobal(canvas->rect().center()), {}, {0, 120}, Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas, &wheel);
    CHECK(zoom->value() == 210);
    CHECK(dialog.cropRect().width() == qRound(200 * 100 / 210.0));
}

TEST_CASE("The own profile is published with its picture and shown on a contact card",
          "[ui][profile]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    REQUIRE(alice.logIn());
    TestAccount bob(server, u"bob"_s);
    REQUIRE(bob.logIn());

    ProfileDialog dialog(alice.account());
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    auto *fullName = dialog.findChild<QLineEdit *>(u"fullNameEdit"_s);
    auto *title = dialog.findChild<QLineEdit *>(u"titleEdit"_s);
    auto *email = dialog.findChild<QLineEdit *>(u"emailEdit"_s);
    auto *save = dialog.findChild<QAbstractButton *>(u"saveButton"_s);
    REQUIRE(fullName);
    REQUIRE(save);
    // The own card is read after login; the form is editable once it is there.
    REQUIRE(waitFor([&] { return fullName->isEnabled() && save->isEnabled(); }));

    fullName->setFocus();
    QTest::keyClicks(fullName, u"Alice Liddell"_s);
    QTest::keyClicks(title, u"Chief Explorer"_s);
    QTest::keyClicks(email, u"alice@example.com"_s);

    // What the crop dialog hands over after the file dialog: the blue stripe.
    AvatarCropDialog crop(stripedImage());
    crop.findChild<QSlider *>(u"zoomSlider"_s)->setValue(200);
    auto *canvas = crop.findChild<QWidget *>(u"cropCanvas"_s);
    for (int i = 0; i < 10; ++i)
        QTest::keyClick(canvas, Qt::Key_Right);
    REQUIRE(crop.cropRect() == QRect(200, 50, 100, 100));
    dialog.setPicture(crop.croppedImage());
    auto *avatar = dialog.findChild<QLabel *>(u"avatarLabel"_s);
    const QImage ownAvatar = avatar->pixmap().toImage();
    CHECK(ownAvatar.pixelColor(ownAvatar.rect().center()) == QColor(Qt::blue));
    CHECK(dialog.findChild<QAbstractButton *>(u"removePictureButton"_s)->isEnabled());
    saveGrab(dialog, u"profile"_s);

    QTest::mouseClick(save, Qt::LeftButton);
    REQUIRE(waitFor([&] { return dialog.result() == QDialog::Accepted && !dialog.isVisible(); }));
    const auto &own = alice.account().profiles().ownProfile();
    REQUIRE(own);
    CHECK(own->fullName == u"Alice Liddell"_s);
    CHECK(own->photoType == u"image/png"_s);
    const QImage published = QImage::fromData(own->photo, "PNG");
    CHECK(published.size() == QSize(100, 100));
    CHECK(isUniform(published, Qt::blue));

    ContactCardDialog card(bob.account(), server.jid(u"alice"_s));
    QSignalSpy chat(&card, &ContactCardDialog::chatRequested);
    card.show();
    REQUIRE(QTest::qWaitForWindowExposed(&card));
    auto *name = card.findChild<QLabel *>(u"nameLabel"_s);
    REQUIRE(waitFor([&] { return name->text() == u"Alice Liddell"_s; }));
    CHECK(card.findChild<QLabel *>(u"jidLabel"_s)->text() == server.jid(u"alice"_s));
    CHECK(card.findChild<QLabel *>(u"titleLabel"_s)->text() == u"Chief Explorer"_s);
    CHECK(
        card.findChild<QLabel *>(u"emailLabel"_s)->text().contains(u"mailto:alice@example.com"_s));
    CHECK(card.findChild<QLabel *>(u"organizationLabel"_s)->isHidden());
    CHECK(card.windowTitle().contains(u"Alice Liddell"_s));
    const QPixmap cardAvatar = card.findChild<QLabel *>(u"avatarLabel"_s)->pixmap();
    REQUIRE(!cardAvatar.isNull());
    const QImage cardImage = cardAvatar.toImage();
    CHECK(cardImage.pixelColor(cardImage.rect().center()) == QColor(Qt::blue));
    REQUIRE(waitFor(
        [&] { return card.findChild<QAbstractButton *>(u"refreshButton"_s)->isEnabled(); }));
    saveGrab(card, u"contact-card"_s);

    QTest::mouseClick(card.findChild<QAbstractButton *>(u"chatButton"_s), Qt::LeftButton);
    REQUIRE(chat.count() == 1);
    CHECK(chat.at(0).at(0).toString() == server.jid(u"alice"_s));
}

TEST_CASE("A contact card shows why the profile could not be read", "[ui][profile]")
{
    UiServer server;
    REQUIRE(server.start({u"bob"_s}));
    TestAccount bob(server, u"bob"_s);
    REQUIRE(bob.logIn());

    const QString nobody = server.jid(u"nobody"_s);
    ContactCardDialog card(bob.account(), nobody);
    card.show();
    REQUIRE(QTest::qWaitForWindowExposed(&card));
    auto *status = card.findChild<QLabel *>(u"statusLabel"_s);
    REQUIRE(waitFor(
        [&] { return card.findChild<QAbstractButton *>(u"refreshButton"_s)->isEnabled(); }));
    CHECK(status->isVisible());
    CHECK(status->text() == describe(ProfileResult{ProfileResult::NotFound, {}}));
    CHECK(card.findChild<QLabel *>(u"nameLabel"_s)->text() == u"nobody"_s);
}
