#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

class QApplication;

namespace SignalGate::Ui {

// The look: the system's own palette, or a light or dark one on Qt's Fusion
// style (Qt 6.4 cannot ask the desktop for its colour scheme, so "system"
// keeps whatever palette the platform theme gives). Colours that carry
// meaning (Buy, Sell) are chosen for the palette in use, so they keep their
// contrast in both.
namespace Theme {

// "system", "light" or "dark"; anything else counts as "system".
void apply(QApplication *application, const QString &name);
QPalette lightPalette();
QPalette darkPalette();
// Whether a palette draws light text on dark ground.
bool isDark(const QPalette &palette);
// The text colour of a side ("buy", "sell") on palette's base; invalid for others.
QColor sideColor(const QString &side, const QPalette &palette);
// WCAG 2 contrast ratio of two colours (1 to 21).
double contrast(const QColor &a, const QColor &b);

}   // namespace Theme

}   // namespace SignalGate::Ui
