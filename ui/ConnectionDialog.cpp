#include "ConnectionDialog.h"

namespace strata {

ConnectionDialog::ConnectionDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Connect"));
}

void ConnectionDialog::setSpec(const ConnectionSpec &) {}

ConnectionSpec ConnectionDialog::spec() const
{
    return {};
}

} // namespace strata
