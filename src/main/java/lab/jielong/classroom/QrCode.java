package lab.jielong.classroom;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A QR code for a link, encoded by ZXing ({@code com.google.zxing:core}) and drawn here as SVG: one unit square
 * per dark module, runs of a row merged into one rectangle, a white quiet zone of four modules around.
 *
 * @param text    what the code says
 * @param modules its width and height in modules, quiet zone included
 * @param svg     the drawing, scalable to any size without blurring
 */
public record QrCode(String text, int modules, String svg) {

    /** Quiet zone the QR specification asks for, in modules. */
    static final int QUIET_ZONE = 4;

    public static QrCode of(String text) {
        BitMatrix matrix = matrix(text);
        int size = matrix.getWidth();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (matrix.get(x, y)) {
                    int run = 1;
                    while (x + run < size && matrix.get(x + run, y)) {
                        run++;
                    }
                    path.append('M').append(x).append(' ').append(y).append('h').append(run).append("v1h-").append(run)
                            .append('z');
                    x += run - 1;
                }
            }
        }
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
        return new QrCode(text, size, svg);
    }

    /** The modules, quiet zone included: {@code true} is dark. */
    static BitMatrix matrix(String text) {
        try {
            // width and height 0: one pixel per module, the smallest matrix for the text
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.MARGIN, QUIET_ZONE,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for " + text + ": " + e.getMessage(), e);
        }
    }

    /** The SVG as a {@code data:} URL, for an {@code <img src>}. */
    public String dataUrl() {
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }
}
