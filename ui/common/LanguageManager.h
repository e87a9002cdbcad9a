// The app's language: installs the translator for English or Simplified Chinese (Flint's own
// strings and Qt's) at once; every window retranslates itself on QEvent::LanguageChange.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>

namespace flint::ui {

class LanguageManager : public QObject {
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    // The languages Flint ships: "en", "zh_CN".
    static QStringList availableLanguages();
    // A language's own name ("English", "简体中文"), never translated.
    static QString nativeName(const QString &language);

    // "en", "zh_CN", or empty for the system's language (English when it is not shipped).
    // Returns the language now in use.
    QString apply(const QString &language);
    QString current() const { return m_current; }

private:
    std::unique_ptr<QTranslator> m_flint;
    std::unique_ptr<QTranslator> m_qt;
    QString m_current;
};

} // namespace flint::ui
