// The settings dialog: every change is written to the settings file at once, and a new dialog
// shows what was saved.
#include "UiTestSupport.h"
#include "client/ClientSettings.h"
#include "settings/SettingsDialog.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace flint;
using namespace flint::test;
using namespace flint::ui;
using namespace Qt::StringLiterals;

namespace {

void typeInto(QSpinBox *spin, const QString &text)
{
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, text);
    QTest::keyClick(spin, Qt::Key_Return);
}

} // namespace

TEST_CASE("Settings are saved as soon as they change", "[ui][settings]")
{
    QTemporaryDir dir;
    const QString iniPath = dir.filePath(u"flint.ini"_s);
    ClientSettings settings(iniPath);
    QSignalSpy languageChanges(&settings, &ClientSettings::languageChanged);
    QSignalSpy appearanceChanges(&settings, &ClientSettings::appearanceChanged);
    QSignalSpy autoAwayChanges(&settings, &ClientSettings::autoAwayMinutesChanged);

    {
        SettingsDialog dialog(settings);
        dialog.show();
        REQUIRE(QTest::qWaitForWindowExposed(&dialog));
        auto *pages = dialog.findChild<QListWidget *>(u"pageList"_s);
        auto *stack = dialog.findChild<QStackedWidget *>(u"pages"_s);
        REQUIRE(pages);
        REQUIRE(pages->count() == 5);
        for (int page = 0; page < pages->count(); ++page) {
            pages->setCurrentRow(page);
            CHECK(stack->currentIndex() == page);
            saveGrab(dialog, u"settings-%1"_s.arg(page + 1));
        }

        pages->setCurrentRow(0);
        auto *language = dialog.findChild<QComboBox *>(u"languageCombo"_s);
        CHECK(language->currentData().toString().isEmpty());
        const int chinese = language->findText(u"简体中文"_s);
        REQUIRE(chinese > 0);
        language->setCurrentIndex(chinese);
        CHECK(settings.language() == u"zh_CN"_s);
        REQUIRE(languageChanges.count() == 1);
        CHECK(languageChanges.at(0).at(0).toString() == u"zh_CN"_s);

        auto *theme = dialog.findChild<QComboBox *>(u"themeCombo"_s);
        theme->setCurrentIndex(theme->findData(int(ClientSettings::Theme::Dark)));
        CHECK(settings.theme() == ClientSettings::Theme::Dark);

        // 0 is the platform's size; one step up jumps to the smallest readable size.
        pages->setCurrentRow(1);
        auto *fontSize = dialog.findChild<QSpinBox *>(u"fontSizeSpin"_s);
        CHECK(fontSize->text() == SettingsDialog::tr("Default"));
        fontSize->stepUp();
        CHECK(fontSize->value() == 6);
        CHECK(settings.fontPointSize() == 6);
        typeInto(fontSize, u"13"_s);
        CHECK(settings.fontPointSize() == 13);
        CHECK(appearanceChanges.count() == 3);

        pages->setCurrentRow(3);
        auto *autoAway = dialog.findChild<QSpinBox *>(u"autoAwaySpin"_s);
        CHECK(autoAway->value() == 5);
        typeInto(autoAway, u"15"_s);
        CHECK(settings.autoAwayMinutes() == 15);
        CHECK(autoAwayChanges.count() == 1);
        autoAway->setValue(0);
        CHECK(autoAway->text() == SettingsDialog::tr("Never"));
        CHECK(settings.autoAwayMinutes() == 0);
        autoAway->setValue(20);

        auto *notifications = dialog.findChild<QCheckBox *>(u"notificationsCheck"_s);
        auto *sounds = dialog.findChild<QCheckBox *>(u"soundsCheck"_s);
        pages->setCurrentRow(2);
        QTest::mouseClick(sounds, Qt::LeftButton);
        CHECK(!settings.soundsEnabled());
        QTest::mouseClick(notifications, Qt::LeftButton);
        CHECK(!settings.notificationsEnabled());
        CHECK(!sounds->isEnabled());

        auto *closeToTray = dialog.findChild<QCheckBox *>(u"closeToTrayCheck"_s);
        pages->setCurrentRow(0);
        QTest::mouseClick(closeToTray, Qt::LeftButton);
        CHECK(!settings.closeToTray());

        auto *downloads = dialog.findChild<QLineEdit *>(u"downloadsEdit"_s);
        pages->setCurrentRow(4);
        const QString folder = dir.filePath(u"downloads"_s);
        downloads->setFocus();
        downloads->selectAll();
        QTest::keyClicks(downloads, folder);
        QTest::keyClick(downloads, Qt::Key_Return);
        CHECK(settings.downloadsFolder() == folder);
    }

    // On disk at once, and a new dialog starts from it.
    settings.store().sync();
    QSettings ini(iniPath, QSettings::IniFormat);
    CHECK(ini.value(u"appearance/language"_s).toString() == u"zh_CN"_s);
    CHECK(ini.value(u"appearance/theme"_s).toInt() == int(ClientSettings::Theme::Dark));
    CHECK(ini.value(u"appearance/fontPointSize"_s).toInt() == 13);
    CHECK(ini.value(u"presence/autoAwayMinutes"_s).toInt() == 20);
    CHECK(ini.value(u"notifications/enabled"_s).toBool() == false);
    CHECK(ini.value(u"notifications/sounds"_s).toBool() == false);

    ClientSettings reread(iniPath);
    SettingsDialog dialog(reread);
    CHECK(dialog.findChild<QComboBox *>(u"languageCombo"_s)->currentText() == u"简体中文"_s);
    CHECK(dialog.findChild<QComboBox *>(u"themeCombo"_s)->currentData().toInt() ==
          int(ClientSettings::Theme::Dark));
    CHECK(dialog.findChild<QSpinBox *>(u"fontSizeSpin"_s)->value() == 13);
    CHECK(dialog.findChild<QSpinBox *>(u"autoAwaySpin"_s)->value() == 20);
    CHECK(!dialog.findChild<QCheckBox *>(u"notificationsCheck"_s)->isChecked());
    CHECK(!dialog.findChild<QCheckBox *>(u"closeToTrayCheck"_s)->isChecked());
    CHECK(dialog.findChild<QLineEdit *>(u"downloadsEdit"_s)->text() ==
          dir.filePath(u"downloads"_s));
}
