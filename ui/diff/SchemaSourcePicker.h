#pragma once
// One side of a schema comparison: a connection (URL, or chosen with the connection dialog),
// a snapshot file, or a version of the open workspace whose schema was recorded.

#include "SchemaCompareWorker.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QStackedWidget;
class QToolButton;

namespace strata {

class SchemaSourcePicker : public QWidget {
    Q_OBJECT
public:
    explicit SchemaSourcePicker(const QString &label, QWidget *parent = nullptr);

    // The chosen side, or an error saying what is missing (a bad URL, no file, no version).
    Result<SchemaOrigin> origin() const;
    void setOrigin(const SchemaOrigin &origin);
    // The versions the workspace has a recorded schema for.
    void setVersions(const QStringList &versions);
    QStringList versions() const;

signals:
    void changed();

private:
    void chooseConnection();
    void chooseFile();

    QComboBox *m_kind = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_file = nullptr;
    QComboBox *m_version = nullptr;
    // The dialog's connection, password included; used while the URL text still shows it.
    ConnectionSpec m_dialogSpec;
    QString m_dialogUrl;
};

} // namespace strata
