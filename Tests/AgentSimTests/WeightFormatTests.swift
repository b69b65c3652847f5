import AgentSim
import Testing

@Suite("Weight formats")
struct WeightFormatTests {
  @Test("Q4_K_M of Llama 3 8B: 16 of 32 layers upgrade attn_v and ffn_down to Q6_K, and the head")
  func q4KMLlama3() throws {
    let model = try Catalog.builtIn.model(named: "llama-3.1-8b")
    let bytes = WeightFormat.q4KM.bytesPerParameter(of: model)
    // By hand: layers 0–3, 28–31 and 6, 9, …, 27 (16) upgrade 4096·1024 + 14336·4096 weights
    // each; the 128,256 × 4096 head is Q6_K too; everything else is Q4_K.
    let perLayer: Double = 4096 * 1024 + 14336 * 4096
    let head: Double = 128_256 * 4096
    let upgraded: Double = 16 * perLayer + head
    let total = model.layerParameters + model.embeddingParameters
    let q4K: Double = 144.0 / 256
    let q6K: Double = 210.0 / 256
    let expected: Double = ((total - upgraded) * q4K + upgraded * q6K) / total
    #expect(abs(bytes - expected) < 1e-12)
    #expect(bytes * 8 > 4.85 && bytes * 8 < 5.0, "\(bytes * 8) bits")
    #expect(bytes > Precision.q4.bytesPerParameter)
  }

  @Test("a calibration row on a Q4_K_M file reads that format's bytes")
  func rowsUseTheFormat() throws {
    let rows = try CalibrationSet.points().filter { $0.weightFormat == .q4KM }
    #expect(!rows.isEmpty)
    for row in rows {
      let engine = try row.engine(in: .builtIn)
      let model = try Catalog.builtIn.model(named: row.model)
      #expect(
        engine.weightBytes == model.totalParameters * WeightFormat.q4KM.bytesPerParameter(of: model)
      )
    }
  }
}
