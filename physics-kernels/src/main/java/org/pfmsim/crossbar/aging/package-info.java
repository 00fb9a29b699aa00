/**
 * Crossbar device aging: the state of a fabricated device at an age after programming, as closed forms of
 * per-device coefficients drawn once at fabrication ({@link org.pfmsim.crossbar.aging.AgingModel}), one
 * file per published model: none, aihwkit's PCMLikeNoiseModel, HermesNoiseModel and ReRamCMONoiseModel.
 */
package org.pfmsim.crossbar.aging;
