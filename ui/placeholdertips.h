#pragma once

class QWidget;

namespace SignalGate::Ui {

// A placeholder is the only explanation some fields have, and a narrow field
// (German at 900x600) cuts it to "Nur für…". Each text field under root whose
// placeholder is not its tooltip already gets it as one, so the whole hint is
// a hover away. Fields with a tooltip of their own keep it.
void showPlaceholdersAsToolTips(QWidget *root);

}   // namespace SignalGate::Ui
