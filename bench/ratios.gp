# ratios.gp - the bench chart: each init's ratio to the best peer per
# figure (below 1: better than every peer), log scale.
# gnuplot -e "datafile='...'; outfile='...'; subtitle='...'" ratios.gp
set terminal pngcairo size 1100,520 font "sans,10"
set output outfile
set title "hinit vs tini, dumb-init, catatonit: ratio to the best peer (lower is better)\n".subtitle
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set yrange [0.01:10]
set ylabel "ratio to the best peer (log)"
set label "reap throughput: best peer / value. At 10: clipped, or infinite (the best peer is at 0)." at graph 0.01, graph -0.3 font "sans,9"
set bmargin 7
set grid ytics
set xtics rotate by -25 scale 0
set key top left
set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 dt 2 lc rgb "black"
plot for [c=2:5] datafile using c:xtic(1) title columnheader(c)
