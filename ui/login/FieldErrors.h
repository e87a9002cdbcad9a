// Inline validation messages under the fields of a login or registration form (flows A and B:
// shown before anything is sent), kept in step with the fields' visibility and the language.
#pragma once

#include "client/ConnectionError.h"

#include <QHash>

#include <optional>

class QFormLayout;
class QLabel;
class QWidget;

namespace flint::ui {

class FieldErrors {
public:
    explicit FieldErrors(QFormLayout &form);

    // Adds the row of `field` to the form and, when `validated`, an error row under it that
    // stays hidden until an error is set.
    void addField(QLabel *label, QWidget *field, bool validated);
    void set(QWidget *field, std::optional<RegistrationError> error);
    void clear();
    bool has(QWidget *field) const { return m_errors.contains(field); }
    // Shows or hides `field`'s row, with its error row when it has an error.
    void setRowVisible(QWidget *field, bool visible);
    // Words the shown errors again, in the current language.
    void retranslate();

private:
    QFormLayout &m_form;
    QHash<QWidget *, QLabel *> m_labels;
    QHash<QWidget *, RegistrationError> m_errors;
};

} // namespace flint::ui
