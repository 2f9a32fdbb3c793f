#pragma once
// Where to connect: an SQLite file or a PostgreSQL server, tested before it is kept.

#include "connection/ConnectionSpec.h"
#include <QDialog>

namespace strata {

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);
    void setSpec(const ConnectionSpec &spec);
    // The connection the user chose, password included (never written to settings).
    ConnectionSpec spec() const;
};

} // namespace strata
