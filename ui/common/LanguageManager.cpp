#include "LanguageManager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace flint::ui {

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

LanguageManager::~LanguageManager() = default;

QStringList LanguageManager::availableLanguages()
{
    return {u"en"_s, u"zh_CN"_s};
}

QString LanguageManager::nativeName(const QString &language)
{
    if (language == u"zh_CN")
        return u"简体中文"_s;
    return u"English"_s;
}

QString LanguageManager::apply(const QString &language)
{
    QString chosen = language;
    if (chosen.isEmpty())
        chosen = QLocale::system().language() == QLocale::Chinese ? u"zh_CN"_s : u"en"_s;
    if (!availableLanguages().contains(chosen))
        chosen = u"en"_s;
    if (chosen == m_current)
        return m_current;

    if (m_flint)
        QCoreApplication::removeTranslator(m_flint.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_flint = std::make_unique<QTranslator>();
    m_qt = std::make_unique<QTranslator>();
    // English is the source language, but its .qm still carries the plural forms.
    if (m_flint->load(u":/i18n/flint_%1.qm"_s.arg(chosen)))
        QCoreApplication::installTranslator(m_flint.get());
    if (m_qt->load(QLocale(chosen), u"qtbase"_s, u"_"_s,
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(m_qt.get());
    m_current = chosen;
    QLocale::setDefault(QLocale(chosen));
    return m_current;
}

} // namespace flint::ui
