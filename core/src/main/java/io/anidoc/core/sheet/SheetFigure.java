package io.anidoc.core.sheet;

import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * One thing painted on a model sheet.
 *
 * @param box  its bounding box in the sheet
 * @param mask its pixels within the box: 255, else 0
 */
public record SheetFigure(Rect box, Mat mask) {
}
