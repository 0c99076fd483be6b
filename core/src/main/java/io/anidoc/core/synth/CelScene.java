package io.anidoc.core.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The composition of a synthetic shot: a static flat background (one to three areas) and a
 * character (body with a shadow, arms, head with a shadow, hair with a highlight, eyes, mouth)
 * that walks across the frame while it sways, tilts its head, swings its arms and squashes a
 * little; optionally a ball flies in front of it. All random choices are made once, from the seed;
 * {@link #frame(int)} then poses the same rig at any time.
 */
final class CelScene {
    private final SynthOptions options;
    private final double unit;
    private final Palette.Character colors;
    private final Palette.Background backgroundColors;
    private final List<DrawItem> background;
    private final double startX;
    private final double startY;
    private final double velocityX;
    private final double velocityY;
    private final double[] phase = new double[8];
    private final DrawItem.LineStyle[] styles = new DrawItem.LineStyle[24];
    private final double[] hairAmplitude;
    private final double[] hairPhase;
    private final double[] bodyAmplitude;
    private final double[] bodyPhase;
    private final double ballDirection;

    CelScene(SynthOptions options) {
        this.options = options;
        SplittableRandom random = new SplittableRandom(options.seed());
        int width = options.width();
        int height = options.height();
        unit = 1.3 * Math.min(width / 1024.0, height / 576.0);
        colors = Palette.CHARACTERS.get(random.nextInt(Palette.CHARACTERS.size()));
        backgroundColors = Palette.BACKGROUNDS.get(random.nextInt(Palette.BACKGROUNDS.size()));
        for (int i = 0; i < styles.length; i++) {
            double min = 2.0 + 0.6 * random.nextDouble();
            double max = 3.0 + random.nextDouble();
            styles[i] = new DrawItem.LineStyle(min, max, 1 + random.nextInt(4), random.nextDouble() * 2 * Math.PI);
        }
        for (int i = 0; i < phase.length; i++) {
            phase[i] = random.nextDouble() * 2 * Math.PI;
        }
        background = buildBackground(random.nextInt(3), random);

        double heading = (random.nextDouble() - 0.5) * Math.toRadians(50);
        double sign = random.nextBoolean() ? 1 : -1;
        velocityX = sign * options.motion() * Math.cos(heading);
        velocityY = options.motion() * Math.sin(heading) * 0.5;
        double middle = (options.frames() - 1) / 2.0;
        double centerX = width * (0.45 + 0.1 * random.nextDouble());
        double centerY = height * 0.56;
        startX = centerX - velocityX * middle;
        startY = centerY - velocityY * middle;
        ballDirection = -sign;

        hairAmplitude = new double[]{0.03, 0.05, 0.04, 0.06, 0.09 + 0.04 * random.nextDouble()};
        hairPhase = randomPhases(random, hairAmplitude.length);
        bodyAmplitude = new double[]{0.04 * random.nextDouble(), 0.03 * random.nextDouble()};
        bodyPhase = randomPhases(random, bodyAmplitude.length);
    }

    /** Every palette color this shot can paint. */
    List<Integer> palette() {
        List<Integer> all = new ArrayList<>(colors.all());
        all.addAll(backgroundColors.all());
        return all;
    }

    List<DrawItem> frame(int t) {
        List<DrawItem> items = new ArrayList<>(background);
        double strength = Math.min(1, options.motion() / SynthOptions.MODERATE_MOTION);
        double u = unit;

        double x = reflect(startX + velocityX * t, options.width() * 0.15, options.width() * 0.85);
        double y = reflect(startY + velocityY * t + 0.35 * options.motion() * Math.sin(0.8 * t + phase[0]),
                options.height() * 0.35, options.height() * 0.75);
        double sway = 0.04 * strength * Math.sin(0.45 * t + phase[1]);
        double squash = 0.03 * strength * Math.sin(0.35 * t + phase[2]);
        Affine root = Affine.translation(x, y)
                .then(Affine.rotation(sway))
                .then(Affine.scaling(1 + squash, 1 - 0.6 * squash));
        Warp warp = new Warp(Math.min(2.5, 0.3 * options.motion()) * u, 0.8 * t, phase[3], 37 * u, 41 * u);

        double armSwing = 0.08 * strength * Math.sin(0.5 * t + phase[4]);
        double headTilt = 0.05 * strength * Math.sin(0.6 * t + phase[5]);
        double step = 0.12 * strength * Math.sin(0.9 * t + phase[7]);
        items.addAll(character(root, warp, u, armSwing, headTilt, step, 2 * u * Math.signum(velocityX)));

        if (options.occlusion()) {
            items.add(ball(t, x, y, warp));
        }
        if (options.entering() && t >= enterFrame()) {
            items.add(droppedProp(t, x, y, warp));
        }
        return items;
    }

    /** The character's parts, back to front, posed by its root transform and joint angles. */
    private List<DrawItem> character(Affine root, Warp warp, double u, double armSwing, double headTilt, double step,
                                     double look) {
        List<DrawItem> items = new ArrayList<>();
        Affine backArm = root.then(Affine.rotationAbout(-armSwing, -62 * u, -20 * u));
        Affine frontArm = root.then(Affine.rotationAbout(armSwing, 62 * u, -20 * u));
        Affine head = root.then(Affine.rotationAbout(headTilt, 0, -40 * u));

        for (int side = -1; side <= 1; side += 2) {
            Affine leg = root.then(Affine.rotationAbout(side * step, side * 30 * u, 110 * u));
            items.add(filled(leg, warp, Shapes.ellipse(side * 32 * u, 145 * u, 17 * u, 34 * u), colors.skin(), 19 + side));
        }
        items.add(filled(backArm, warp, Shapes.ellipse(-72 * u, 28 * u, 16 * u, 55 * u), colors.cloth(), 3));
        List<DrawItem.Shade> bodyShade = shade(root, warp, Shapes.ellipse(78 * u, 55 * u, 58 * u, 125 * u),
                colors.clothShadow(), Palette.TRACE_RED);
        items.add(filled(root, warp, Shapes.blob(0, 45 * u, 70 * u, 95 * u, bodyAmplitude, bodyPhase),
                colors.cloth(), bodyShade, 4));
        items.add(filled(root, warp, Shapes.star(-8 * u, 60 * u, 24 * u, 11 * u, 5, phase[6] * 0.1), colors.emblem(), 5));

        List<DrawItem.Shade> faceShade = shade(head, warp, Shapes.ellipse(-50 * u, -55 * u, 42 * u, 45 * u),
                colors.skinShadow(), Palette.TRACE_RED);
        items.add(filled(head, warp, Shapes.ellipse(0, -90 * u, 58 * u, 62 * u), colors.skin(), faceShade, 6));
        Affine highlightPose = head.then(Affine.rotationAbout(-0.3, -22 * u, -145 * u));
        List<DrawItem.Shade> hairShine = shade(highlightPose, warp, Shapes.ellipse(-22 * u, -145 * u, 24 * u, 8 * u),
                colors.hairHighlight(), Palette.TRACE_BLUE);
        items.add(filled(head, warp, Shapes.blob(0, -135 * u, 68 * u, 38 * u, hairAmplitude, hairPhase),
                colors.hair(), hairShine, 7));

        for (int side = -1; side <= 1; side += 2) {
            double ex = side * 22 * u;
            items.add(filled(head, warp, Shapes.ellipse(ex, -73 * u, 12.5 * u, 16 * u), colors.eyeWhite(), 8 + side));
            items.add(filled(head, warp, Shapes.ellipse(ex + look, -70 * u, 7 * u, 10 * u), colors.iris(), 11 + side));
            items.add(line(head, warp, Shapes.arc(ex, -92 * u, 11 * u, 4 * u, Math.PI * 1.2, Math.PI * 1.8), 14 + side));
        }
        items.add(line(head, warp, Shapes.arc(0, -52 * u, 11 * u, 5 * u, Math.PI * 0.15, Math.PI * 0.85), 16));
        items.add(filled(frontArm, warp, Shapes.ellipse(72 * u, 28 * u, 16 * u, 55 * u), colors.cloth(), 17));

        return items;
    }

    /**
     * The character's model sheet: the character alone in a pose of its own (arms raised, head
     * tilted the other way, legs apart), {@code scale} times its size in the shot, on white paper,
     * with the ball it may carry drawn beside it.
     *
     * @return the sheet's items; the canvas is {@link #sheetWidth(double)} x {@link #sheetHeight(double)}
     */
    List<DrawItem> sheet(double scale) {
        double u = unit * scale;
        Affine root = Affine.translation(130 * u, 200 * u);
        Warp none = new Warp(0, 0, 0, 1, 1);
        List<DrawItem> items = new ArrayList<>(character(root, none, u, 0.14, -0.06, 0.1, 0));
        Affine pose = Affine.translation(290 * u, 330 * u);
        double r = 30 * u;
        List<DrawItem.Shade> shadow = shade(pose, none, Shapes.ellipse(22 * u, 22 * u, r * 1.05, r * 1.05),
                colors.ballShadow(), Palette.TRACE_GREEN);
        items.add(filled(pose, none, Shapes.ellipse(0, 0, r, r), colors.ball(), shadow, 18));
        return items;
    }

    int sheetWidth(double scale) {
        return (int) Math.round(340 * unit * scale);
    }

    int sheetHeight(double scale) {
        return (int) Math.round(420 * unit * scale);
    }

    private int enterFrame() {
        return Math.max(1, options.frames() / 3);
    }

    /** A star-shaped prop that drops in from above the frame and comes to rest by the character's head. */
    private DrawItem droppedProp(int t, double characterX, double characterY, Warp warp) {
        double u = unit;
        double fall = Math.min(1.0, (t - enterFrame() + 1) / Math.max(2.0, options.frames() / 4.0));
        double restY = characterY - 150 * u;
        double py = -60 * u + (restY + 60 * u) * (1 - (1 - fall) * (1 - fall));
        Affine pose = Affine.translation(characterX + 115 * u, py);
        List<DrawItem.Shade> shadow = shade(pose, warp, Shapes.ellipse(10 * u, 12 * u, 14 * u, 10 * u),
                colors.ballShadow(), Palette.TRACE_GREEN);
        return filled(pose, warp, Shapes.star(0, 0, 30 * u, 14 * u, 5, 0.3), colors.ball(), shadow, 18);
    }

    /** A ball that crosses in front of the character's body around the middle of the shot. */
    private DrawItem ball(int t, double characterX, double characterY, Warp warp) {
        double u = unit;
        double middle = (options.frames() - 1) / 2.0;
        double along = t - middle;
        double speed = 1.5 * options.motion();
        double bx = characterX + ballDirection * speed * along + 10 * u;
        double by = characterY + 25 * u - 0.02 * speed * (middle * middle - along * along) * u;
        Affine pose = Affine.translation(bx, by);
        double r = 30 * u;
        List<DrawItem.Shade> shadow = shade(pose, warp, Shapes.ellipse(22 * u, 22 * u, r * 1.05, r * 1.05),
                colors.ballShadow(), Palette.TRACE_GREEN);
        return filled(pose, warp, Shapes.ellipse(0, 0, r, r), colors.ball(), shadow, 18);
    }

    private List<DrawItem> buildBackground(int layout, SplittableRandom random) {
        int width = options.width();
        int height = options.height();
        double margin = 12;
        List<DrawItem> items = new ArrayList<>();
        // the sky rectangle's outline lies outside the frame: a flat area without visible border
        items.add(new DrawItem.Filled(Shapes.polygon(-margin, -margin, width + margin, -margin,
                width + margin, height + margin, -margin, height + margin), backgroundColors.sky(), List.of(), styles[0]));
        if (layout >= 2) {
            double cx = width * (0.15 + 0.7 * random.nextDouble());
            double rx = width * (0.25 + 0.15 * random.nextDouble());
            items.add(new DrawItem.Filled(Shapes.ellipse(cx, height * 0.72, rx, height * 0.3),
                    backgroundColors.hill(), List.of(), styles[1]));
        }
        if (layout >= 1) {
            double left = height * (0.68 + 0.08 * random.nextDouble());
            double right = height * (0.68 + 0.08 * random.nextDouble());
            items.add(new DrawItem.Filled(Shapes.polygon(-margin, left, width + margin, right,
                    width + margin, height + margin, -margin, height + margin), backgroundColors.floor(), List.of(), styles[2]));
        }
        return items;
    }

    private DrawItem.Filled filled(Affine pose, Warp warp, double[] local, int color, int style) {
        return filled(pose, warp, local, color, List.of(), style);
    }

    private DrawItem.Filled filled(Affine pose, Warp warp, double[] local, int color, List<DrawItem.Shade> shades, int style) {
        return new DrawItem.Filled(pose.apply(warp.apply(local)), color, options.traceLines() ? shades : List.of(), styles[style]);
    }

    private List<DrawItem.Shade> shade(Affine pose, Warp warp, double[] local, int color, int traceColor) {
        return List.of(new DrawItem.Shade(pose.apply(warp.apply(local)), color, traceColor));
    }

    private DrawItem.OpenLine line(Affine pose, Warp warp, double[] local, int style) {
        DrawItem.LineStyle s = styles[style];
        return new DrawItem.OpenLine(pose.apply(warp.apply(local)),
                new DrawItem.LineStyle(s.minWidth(), Math.min(s.maxWidth(), 3.0), 1, s.phase()));
    }

    private static double[] randomPhases(SplittableRandom random, int n) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = random.nextDouble() * 2 * Math.PI;
        }
        return p;
    }

    /** Folds a coordinate back into [low, high] so long shots stay in the frame. */
    private static double reflect(double v, double low, double high) {
        double span = high - low;
        double m = (v - low) % (2 * span);
        if (m < 0) {
            m += 2 * span;
        }
        return low + (m <= span ? m : 2 * span - m);
    }

    /** A slow, smooth bend of the drawing that changes from frame to frame (drawings are never rigid copies). */
    private record Warp(double amplitude, double time, double phase, double waveX, double waveY) {
        double[] apply(double[] xy) {
            if (amplitude == 0) {
                return xy;
            }
            double[] out = new double[xy.length];
            for (int i = 0; i < xy.length; i += 2) {
                out[i] = xy[i] + amplitude * Math.sin(xy[i + 1] / waveY + time + phase);
                out[i + 1] = xy[i + 1] + amplitude * Math.sin(xy[i] / waveX + 0.9 * time + 2 * phase);
            }
            return out;
        }
    }
}
