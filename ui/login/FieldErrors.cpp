#include "FieldErrors.h"

#include "common/Theme.h"

#include <QFormLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace flint::ui {

FieldErrors::FieldErrors(QFormLayout &form) : m_form(form) {}

void FieldErrors::addField(QLabel *label, QWidget *field, bool validated)
{
    m_form.addRow(label, field);
    if (!validated)
        return;
    auto *error = new QLabel(m_form.parentWidget());
    error->setObjectName(field->objectName().replace(u"Edit"_s, u"Error"_s));
    error->setWordWrap(true);
    QPalette palette = error->palette();
    palette.setColor(QPalette::WindowText, errorColor());
    error->setPalette(palette);
    m_form.addRow(QString(), error);
    m_form.setRowVisible(error, false);
    m_labels.insert(field, error);
}

void FieldErrors::set(QWidget *field, std::optional<RegistrationError> error)
{
    QLabel *label = m_labels.value(field);
    if (!label)
        return;
    if (error)
        m_errors.insert(field, *error);
    else
        m_errors.remove(field);
    label->setText(error ? describe(*error) : QString());
    m_form.setRowVisible(label, error.has_value() && m_form.isRowVisible(field));
}

void FieldErrors::clear()
{
    for (QWidget *field : m_labels.keys())
        set(field, std::nullopt);
}

void FieldErrors::setRowVisible(QWidget *field, bool visible)
{
    m_form.setRowVisible(field, visible);
    if (QLabel *label = m_labels.value(field))
        m_form.setRowVisible(label, visible && has(field));
}

void FieldErrors::retranslate()
{
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        m_labels.value(it.key())->setText(describe(it.value()));
}

} // namespace flint::ui
